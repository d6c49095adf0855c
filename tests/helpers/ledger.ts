// What the buyers actually received, as the sandbox platform recorded it: the one source of truth for
// "delivered exactly once" in the bench and the kill test.

export interface LedgerEntry {
  orderId: string;
  shopId: string;
  status: string;
  paidAt: number | null;
  refunded: boolean;
  lines: number;
  deliveries: { at: number; lineId: string; content: string }[];
}

export interface LedgerCheck {
  paid: number;
  delivered: number;
  /** Lines delivered more than once, plus keys that reached two different orders. */
  duplicates: number;
  /** Paid, unrefunded lines nobody delivered. */
  missing: number;
  /** paid → platform confirmation, ms, per delivered line. */
  latencies: number[];
}

/** Card keys as the default template prints them (`卡密：XXXX`). */
const KEY_PATTERN = /卡密：(\S+)/g;

/** The keys in one delivery: the message text, or 抖店's cert_list JSON (cert_key, else cert_no). */
export function keysIn(content: string): string[] {
  if (content.trimStart().startsWith('[')) {
    try {
      return (JSON.parse(content) as { cert_no?: string; cert_key?: string }[]).map((c) => c.cert_key || c.cert_no || '').filter(Boolean);
    } catch {
      // not JSON after all: fall through to the message form
    }
  }
  return [...content.matchAll(KEY_PATTERN)].map((m) => m[1]!);
}

export function checkLedger(ledger: LedgerEntry[]): LedgerCheck {
  const check: LedgerCheck = { paid: 0, delivered: 0, duplicates: 0, missing: 0, latencies: [] };
  const keyOwner = new Map<string, string>();
  for (const order of ledger) {
    if (order.paidAt === null) continue;
    check.paid += 1;
    const perLine = new Map<string, number>();
    for (const d of order.deliveries) {
      perLine.set(d.lineId, (perLine.get(d.lineId) ?? 0) + 1);
      check.latencies.push(d.at - order.paidAt);
      for (const key of keysIn(d.content)) {
        const owner = keyOwner.get(key);
        if (owner !== undefined && owner !== order.orderId) check.duplicates += 1;
        keyOwner.set(key, order.orderId);
      }
    }
    for (const n of perLine.values()) if (n > 1) check.duplicates += n - 1;
    if (perLine.size > 0) check.delivered += 1;
    if (!order.refunded && order.status !== 'closed' && perLine.size < order.lines) check.missing += order.lines - perLine.size;
  }
  return check;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

// 试跑 (backtest): one draft rule over the last N days of paid order lines, in time order, with velocity
// counted in memory over sliding windows (the same (at − window, at] as the hook, same-moment orders by id), "new
// buyer" from the history before the window, lists as they are now. Signals are opened only when a
// text / IP condition (or a CIDR list entry) is reached. Reads in keyset pages with a pause between
// them, so the event loop is never held for long.
import type Database from 'better-sqlite3';
import type { BacktestResult, RiskCondition, RiskRuleDraft } from '../../../src-shared/contract/index.js';
import { compileRule, needsOf, velocityKey, type VelocitySubject } from './engine.js';
import { ListSnapshot, OrderFacts, SlidingCounts, StreamContext, VELOCITY_COLUMN, type StreamRow } from './backtest-facts.js';
import { dayNumberInShanghai, dayText } from './shanghai.js';
import type { Vault } from '../vault/vault.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const PAGE = 5000;
const SAMPLES = 50;

export async function backtest(d: { sqlite: Database.Database; vault: Vault; now: number }, draft: RiskRuleDraft, days: number): Promise<BacktestResult> {
  const started = performance.now();
  const rule = compileRule({ id: 0, name: draft.name, mode: 'enforce', action: draft.action, delayMinutes: draft.delayMinutes ?? null, score: draft.score, conditions: draft.conditions });
  const needs = needsOf([rule]);
  const from = d.now - days * DAY;
  const streamFrom = from - Math.max(0, ...needs.velocity.map((v) => v.windowMinutes * MINUTE));
  const page = d.sqlite.prepare(pageSql(draft, needs));

  const windows = needs.velocity.map((v) => ({ key: velocityKey(v.subject, v.windowMinutes), column: VELOCITY_COLUMN[v.subject], counts: new SlidingCounts(v.windowMinutes * MINUTE) }));
  const ctx = new StreamContext(d.sqlite, d.vault, needs.lists ? new ListSnapshot(d.sqlite, d.now) : undefined, streamFrom);
  const result = { linesScanned: 0, matched: 0, matchedAmountFen: 0, matchedRefunded: 0, missedRefunded: 0 };
  const byDay = new Map<number, number>();
  const samples: number[] = [];

  const evaluate = (rows: StreamRow[]): void => {
    const o = rows[0]!;
    if (o.at >= from && rows.some((r) => r.line_id !== null && r.paid_at !== null)) {
      if (rows.length > 1) rows.sort((a, b) => (a.line_id ?? 0) - (b.line_id ?? 0));
      const velocity = new Map<string, number | null>();
      for (const w of windows) {
        const id = o[w.column];
        velocity.set(w.key, id ? w.counts.count(id, o.at) : null);
      }
      const facts = new OrderFacts(ctx, o, velocity);
      for (const r of rows) {
        if (r.line_id === null || r.paid_at === null) continue;
        result.linesScanned++;
        facts.quantity = r.quantity ?? 0;
        facts.productId = r.product_id;
        const refunded = r.refund === 'refunded';
        if (!rule.test(facts)) {
          if (refunded) result.missedRefunded++;
          continue;
        }
        result.matched++;
        result.matchedAmountFen += (r.price_fen ?? 0) * (r.quantity ?? 0);
        if (refunded) result.matchedRefunded++;
        const day = dayNumberInShanghai(o.at);
        byDay.set(day, (byDay.get(day) ?? 0) + 1);
        samples.push(r.line_id);
        if (samples.length > SAMPLES) samples.shift();
      }
    }
    if (o.buyer_key) ctx.seenInStream.add(o.buyer_key);
  };

  // Orders come in (at, order id) order, the hook's tie-break: each order enters the windows, is evaluated,
  // and only then does the next one (even of the same moment) count.
  let afterAt = streamFrom;
  let afterId = Number.MAX_SAFE_INTEGER;
  let order: StreamRow[] | undefined;
  for (;;) {
    const rows = page.all(afterAt, afterAt, afterId, d.now, from) as StreamRow[];
    if (rows.length === 0) break;
    for (const r of rows) {
      if (order && order[0]!.order_id === r.order_id) {
        order.push(r);
        continue;
      }
      if (order) evaluate(order);
      order = [r];
      for (const w of windows) {
        const id = r[w.column];
        if (id) w.counts.add(id, r.at);
      }
    }
    const last = rows.at(-1)!;
    afterAt = last.at;
    afterId = last.order_id;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (order) evaluate(order);

  return {
    days, ...result,
    byDay: [...byDay].sort((a, b) => a[0] - b[0]).map(([day, matched]) => ({ day: dayText(day), matched })),
    samples: sampleRows(d.sqlite, samples.reverse()),
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Keyset page of orders after (at, order id), with their lines if inside the window. Only the columns the
 * rule needs (each blob column costs as much as the rest of the row); sealed signals are fetched per
 * order, only when a condition reaches them.
 */
function pageSql(draft: RiskRuleDraft, needs: ReturnType<typeof needsOf>): string {
  const wants = (subject: VelocitySubject): boolean => needs.velocity.some((v) => v.subject === subject);
  const has = (field: RiskCondition['field']): boolean => draft.conditions.some((c) => c.field === field);
  const presence = has('missing');
  const flags = has('risk_flag');
  const identities: string[] = [];
  if (wants('buyer') || needs.newBuyer || needs.lists) identities.push('buyer_key');
  if (needs.lists) identities.push('buyer_id_index', 'nick_index');
  if (needs.lists || presence) identities.push('phone_index', 'email_index');
  if (wants('ip') || needs.lists || presence || has('ip')) identities.push('ip_index');
  if (wants('device') || needs.lists || presence) identities.push('device_index');
  const inner = ['order_id', 'at', 'shop_id', 'platform', 'amount_fen', ...identities];
  const columns = ['sg.order_id', 'sg.at', 'sg.shop_id', 'sg.platform', 'sg.amount_fen', ...identities.map((n) => `nullif(hex(sg.${n}), '') as ${n}`)];
  // A rule made only of text conditions opens every order's signals: read them with the page, not one by one.
  if (draft.conditions.every((c) => c.field === 'text')) {
    inner.push('signals_sealed');
    columns.push('sg.signals_sealed');
  }
  if (flags) columns.push('o.risk_flags');
  // Lines come in any order within an order (sorted by id in memory): no sort step over the page.
  return `select ${columns.join(', ')}, l.id as line_id, l.product_id, l.quantity, l.price_fen, l.refund, l.paid_at
    from (select ${inner.join(', ')} from order_signals where at >= ? and (at > ? or order_id > ?) and at <= ? order by at, order_id limit ${PAGE}) sg
    left join order_lines l on l.order_id = sg.order_id and sg.at >= ?
    ${flags ? 'join orders o on o.id = sg.order_id' : ''}
    order by sg.at, sg.order_id`;
}

function sampleRows(sqlite: Database.Database, lineIds: number[]): BacktestResult['samples'] {
  if (!lineIds.length) return [];
  const rows = sqlite.prepare(`select l.id as lineId, l.platform_order_id as platformOrderId, s.name as shopName, o.buyer_masked as buyerMasked,
      l.price_fen * l.quantity as amountFen, coalesce(l.paid_at, sg.at) as paidAt, l.refund = 'refunded' as refunded
    from order_lines l join orders o on o.id = l.order_id join shops s on s.id = l.shop_id join order_signals sg on sg.order_id = l.order_id
    where l.id in (${lineIds.map(() => '?').join(', ')})`).all(...lineIds) as (Omit<BacktestResult['samples'][number], 'refunded'> & { refunded: number })[];
  const byId = new Map(rows.map((r) => [r.lineId, { ...r, refunded: r.refunded === 1 }]));
  return lineIds.flatMap((id) => byId.get(id) ?? []);
}

// 长期未核销 and the 核销 overview. A buyer who never uses a key may not have received it, or may come back
// later saying it does not work: past the product's reminder the line is put in front of the owner once.
import type Database from 'better-sqlite3';
import type { AuditInput } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { stmt } from '../db/statements.js';
import type { Timeline } from '../orders/timeline.js';
import { fixLine, recordStep } from '../aftersales/line-record.js';
import type { SupplyRow } from './card-check.js';

const DAY_MS = 86_400_000;
/** Per run; the next run (an hour later) takes the rest. */
const REMIND_BATCH = 500;

export interface RedemptionRow {
  productId: number;
  productName: string;
  delivered: number;
  redeemed: number;
  overdue: number;
  lastCheckAt: number | null;
}

/** Delivered, unrefunded, still unredeemed key of the line (so a fully redeemed or refunded line is skipped). */
const UNREDEEMED_KEY = `exists (select 1 from line_keys lk join keys k on k.id = lk.key_id where lk.line_id = l.id and lk.exclusive = 1 and k.status = 'delivered' and k.refunded_at is null)`;

export function remindUnredeemed(d: { sqlite: Database.Database; clock: Clock; timeline: Timeline; audit: (e: AuditInput) => void; supply: (productId: number) => SupplyRow | undefined }): number[] {
  const now = d.clock.now();
  const products = stmt(d.sqlite, 'select product_id as productId, remind_after_days as days from product_supply where remind_after_days is not null and remind_after_days > 0').all() as { productId: number; days: number }[];
  const reminded: number[] = [];
  d.sqlite.transaction(() => {
    for (const { productId, days } of products) {
      const cutoff = now - days * DAY_MS;
      // paid_at <= delivered_at, so the paid_at bound keeps the scan inside order_lines_product_status.
      const due = stmt(d.sqlite, `select l.id from order_lines l where l.product_id = ? and l.status = 'delivered' and l.paid_at < ? and l.delivered_at < ?
          and l.redeemed_at is null and l.issue is null and l.refund = 'none' and ${UNREDEEMED_KEY}
          and not exists (select 1 from order_events e where e.order_id = l.order_id and e.line_id = l.id and e.kind = 'redemption' and json_extract(e.detail, '$.action') = 'remind')
          order by l.paid_at limit ?`).all(productId, cutoff, cutoff, REMIND_BATCH - reminded.length) as { id: number }[];
      const mark = stmt(d.sqlite, `update order_lines set issue = 'unredeemed', issue_note = ?, updated_at = ? where id = ?`);
      for (const { id } of due) {
        const note = `发货超过 ${days} 天仍未核销，可联系买家确认是否收到、能否使用`;
        mark.run(note, now, id);
        recordStep(d, 'redemption', fixLine(d.sqlite, id), { action: 'remind', actor: 'system', reason: null, text: `发货超过 ${days} 天仍未核销，已放入售后队列`, summary: { days } });
        reminded.push(id);
      }
      if (reminded.length >= REMIND_BATCH) break;
    }
  }).immediate();
  return reminded;
}

/**
 * Per card product that sent keys or has supply settings: keys sent (delivered + redeemed), redeemed,
 * overdue (sent, unredeemed, past the reminder) and the last check. Sent and redeemed come from stock_counts.
 */
export function redemptionSummary(sqlite: Database.Database, now: number): RedemptionRow[] {
  const rows = sqlite
    .prepare(`select p.id as productId, p.name as productName, ps.remind_after_days as days, ps.product_id is not null as configured,
        (select coalesce(sum(c.n), 0) from stock_counts c where c.product_id = p.id and c.status in ('delivered', 'redeemed')) as delivered,
        (select coalesce(sum(c.n), 0) from stock_counts c where c.product_id = p.id and c.status = 'redeemed') as redeemed
      from products p left join product_supply ps on ps.product_id = p.id where p.type <> 'direct' and p.archived_at is null order by p.id`)
    .all() as (Omit<RedemptionRow, 'overdue' | 'lastCheckAt'> & { days: number | null; configured: number })[];
  const overdue = stmt(sqlite, `select count(*) as n from keys k join line_keys lk on lk.key_id = k.id and lk.exclusive = 1 join order_lines l on l.id = lk.line_id
      where k.product_id = ? and k.status = 'delivered' and k.refunded_at is null and l.delivered_at < ?`);
  const lastCheck = stmt(sqlite, `select max(checked_at) as at from keys where product_id = ? and status in ('delivered', 'redeemed', 'void')`);
  return rows
    .filter((r) => r.delivered > 0 || r.configured === 1)
    .map((r) => ({
      productId: r.productId,
      productName: r.productName,
      delivered: r.delivered,
      redeemed: r.redeemed,
      overdue: r.days ? (overdue.get(r.productId, now - r.days * DAY_MS) as { n: number }).n : 0,
      lastCheckAt: (lastCheck.get(r.productId) as { at: number | null }).at,
    }));
}

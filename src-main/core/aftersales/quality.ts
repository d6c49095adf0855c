// 批次质量: per batch, how many keys went out to buyers, how many were claimed back from the supplier and
// how many were replaced (by the owner, or by the pre-delivery check). Counts come from stock_counts and
// the few voided keys, never from a scan of every delivered key.
import type Database from 'better-sqlite3';
import { VOID_PREFIX } from './swap-keys.js';

export interface BatchQuality {
  batchId: number;
  productName: string;
  supplier: string;
  delivered: number;
  claims: number;
  replaced: number;
  claimRate: number;
}

interface Row {
  batchId: number;
  productName: string;
  supplier: string;
  sent: number;
  voidedAfterSending: number;
  claims: number;
  replaced: number;
}

/** Worst batches first (claim rate), then newest. Only batches that sent, claimed or replaced anything. */
export function batchQuality(sqlite: Database.Database, productId?: number): BatchQuality[] {
  const rows = sqlite
    .prepare(`select b.id as batchId, p.name as productName, b.supplier,
        (select coalesce(sum(c.n), 0) from stock_counts c where c.batch_id = b.id and c.status in ('delivered', 'redeemed')) as sent,
        (select count(*) from keys k join line_keys lk on lk.key_id = k.id and lk.exclusive = 1 join order_lines l on l.id = lk.line_id
          where k.batch_id = b.id and k.status = 'void' and l.delivered_at is not null and k.void_reason not like ? || '%') as voidedAfterSending,
        (select count(*) from key_claims kc where kc.batch_id = b.id) as claims,
        (select count(*) from keys k where k.batch_id = b.id and k.status = 'void' and (k.void_reason like ? || '%' or k.void_reason like ? || '%')) as replaced
      from batches b join products p on p.id = b.product_id where (? is null or b.product_id = ?)`)
    .all(VOID_PREFIX.preDelivery, VOID_PREFIX.replace, VOID_PREFIX.preDelivery, productId ?? null, productId ?? null) as Row[];
  return rows
    .map((r) => {
      // Voided keys that had reached a buyer (replaced or claimed afterwards) still count as delivered.
      const delivered = r.sent + r.voidedAfterSending;
      return { batchId: r.batchId, productName: r.productName, supplier: r.supplier, delivered, claims: r.claims, replaced: r.replaced, claimRate: delivered ? Math.round((r.claims / delivered) * 10_000) / 10_000 : 0 };
    })
    .filter((q) => q.delivered > 0 || q.claims > 0 || q.replaced > 0)
    .sort((a, b) => b.claimRate - a.claimRate || b.batchId - a.batchId);
}

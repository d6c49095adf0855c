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

/** The counts of one batch, before any rate (the supplier report sums them per supplier). */
export interface BatchCounts {
  batchId: number;
  productId: number;
  productName: string;
  supplier: string;
  purchasedAt: number;
  delivered: number;
  claims: number;
  replaced: number;
}

/** Which batches to count: one product or several, and those purchased in [purchasedFrom, purchasedTo). */
export interface BatchScope {
  productIds?: number[];
  purchasedFrom?: number;
  purchasedTo?: number;
}

interface Row extends Omit<BatchCounts, 'delivered'> {
  sent: number;
  voidedAfterSending: number;
}

export const rate = (part: number, whole: number): number => (whole ? Math.round((part / whole) * 10_000) / 10_000 : 0);

/** Every batch in scope with what it sent, and how many of its keys were claimed back or replaced. */
export function batchCounts(sqlite: Database.Database, scope: BatchScope = {}): BatchCounts[] {
  const products = scope.productIds && scope.productIds.length > 0 ? JSON.stringify(scope.productIds) : null;
  const rows = sqlite
    .prepare(`select b.id as batchId, b.product_id as productId, p.name as productName, b.supplier, b.purchased_at as purchasedAt,
        (select coalesce(sum(c.n), 0) from stock_counts c where c.batch_id = b.id and c.status in ('delivered', 'redeemed')) as sent,
        (select count(*) from keys k join line_keys lk on lk.key_id = k.id and lk.exclusive = 1 join order_lines l on l.id = lk.line_id
          where k.batch_id = b.id and k.status = 'void' and l.delivered_at is not null and k.void_reason not like ? || '%') as voidedAfterSending,
        (select count(*) from key_claims kc where kc.batch_id = b.id) as claims,
        (select count(*) from keys k where k.batch_id = b.id and k.status = 'void' and (k.void_reason like ? || '%' or k.void_reason like ? || '%')) as replaced
      from batches b join products p on p.id = b.product_id
      where (? is null or b.product_id in (select value from json_each(?)))
        and (? is null or b.purchased_at >= ?) and (? is null or b.purchased_at < ?)`)
    .all(
      VOID_PREFIX.preDelivery, VOID_PREFIX.replace, VOID_PREFIX.preDelivery, products, products,
      scope.purchasedFrom ?? null, scope.purchasedFrom ?? null, scope.purchasedTo ?? null, scope.purchasedTo ?? null,
    ) as Row[];
  // Voided keys that had reached a buyer (replaced or claimed afterwards) still count as delivered.
  return rows.map(({ sent, voidedAfterSending, ...r }) => ({ ...r, delivered: sent + voidedAfterSending }));
}

/** Worst batches first (claim rate), then newest. Only batches that sent, claimed or replaced anything. */
export function batchQuality(sqlite: Database.Database, productId?: number): BatchQuality[] {
  return batchCounts(sqlite, productId === undefined ? {} : { productIds: [productId] })
    .filter((q) => q.delivered > 0 || q.claims > 0 || q.replaced > 0)
    .map((q) => ({ batchId: q.batchId, productName: q.productName, supplier: q.supplier, delivered: q.delivered, claims: q.claims, replaced: q.replaced, claimRate: rate(q.claims, q.delivered) }))
    .sort((a, b) => b.claimRate - a.claimRate || b.batchId - a.batchId);
}

// 平台费率 per shop: the profit reports deduct it; changing it recomputes the shop's fees.
import type Database from 'better-sqlite3';
import { KeyDeskError, type MethodOutput, type ParsedInput, type ShopFeeRate } from '../../../src-shared/contract/index.js';
import { stmt } from '../db/statements.js';
import type { ReportDeps } from './index.js';
import type { SalesLedger } from './sales-ledger.js';

const SHOP_RATE = 'SELECT id AS shopId, name AS shopName, platform, fee_rate_bp AS rateBp FROM shops';

/** Every shop with its rate, in the order the shops were added. */
export function feeRates(sqlite: Database.Database): MethodOutput<'reports.feeRates'> {
  return stmt(sqlite, `${SHOP_RATE} ORDER BY id`).all() as ShopFeeRate[];
}

/**
 * Sets a shop's rate. The new rate, its audit entry and the shop's recomputed fees in the ledger are one
 * transaction: a report never shows fees of the old rate after the change was recorded. The same rate
 * again changes nothing and writes no audit entry.
 */
export function setFeeRate(d: ReportDeps, ledger: SalesLedger, input: ParsedInput<'reports.setFeeRate'>): MethodOutput<'reports.setFeeRate'> {
  const db = d.sqlite;
  const changed = db.transaction((): ShopFeeRate | undefined => {
    const shop = stmt(db, `${SHOP_RATE} WHERE id = ?`).get(input.shopId) as ShopFeeRate | undefined;
    if (!shop) throw new KeyDeskError('NOT_FOUND', { field: 'shopId', shopId: input.shopId }, `店铺不存在（编号 ${input.shopId}），费率没有修改`);
    if (shop.rateBp === input.rateBp) return undefined;
    stmt(db, 'UPDATE shops SET fee_rate_bp = ?, updated_at = ? WHERE id = ?').run(input.rateBp, d.clock.now(), input.shopId);
    d.appendAudit({ actor: 'owner', action: 'reports.fee_rate', objectType: 'shop', objectId: String(input.shopId), summary: { name: shop.shopName, fromBp: shop.rateBp, toBp: input.rateBp } });
    ledger.recomputeShopFees(input.shopId);
    return shop;
  }).immediate();
  if (changed) {
    const { lines } = stmt(db, 'SELECT coalesce(sum(lines), 0) AS lines FROM sales_daily WHERE shop_id = ?').get(input.shopId) as { lines: number };
    d.events.emit('reports.changed', { lines });
  }
  return stmt(db, `${SHOP_RATE} WHERE id = ?`).get(input.shopId) as ShopFeeRate;
}

// Tables of 报表 (reports): a derived ledger of every paid order line and a daily roll-up of it.
// Nothing here is a source of truth: triggers (migration 0010) mark changed lines in `report_dirty`,
// the report refresher recomputes them, and 重新计算 rebuilds all of it from the orders and keys.
// Re-exported from schema.ts so drizzle-kit and the typed db see one schema.
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, blob, index, primaryKey } from 'drizzle-orm/sqlite-core';

/** Order lines whose report row is stale (written by triggers, drained by the refresher). */
export const reportDirty = sqliteTable('report_dirty', {
  lineId: integer('line_id').primaryKey(),
});

/**
 * One buyer across every shop: the cross-shop identity of `order_signals.buyer_key` (phone, email,
 * platform id, nick), else the platform's buyer index. `firstOrderId` is the buyer's earliest paid
 * order anywhere, which makes a line "new customer" or "returning".
 */
export const reportBuyers = sqliteTable('report_buyers', {
  id: integer('id').primaryKey(),
  key: blob('key', { mode: 'buffer' }).notNull().unique(),
  firstAt: integer('first_at').notNull(),
  firstOrderId: integer('first_order_id').notNull(),
});

/**
 * 销售底账: one row per paid order line, with what it brought in and what it cost.
 * - `day`: the Beijing calendar day of payment as yyyymmdd.
 * - `outcome`: delivered (keys / top-up reached the buyer), waiting (not yet), failed, refunded (money
 *   back before anything was delivered, or closed after payment).
 * - `costFen`: Σ batch unit cost of every key tied to the line (the keys actually delivered, replaced
 *   ones included) + the cost of successful top-ups. `feeFen`: the shop's platform fee on revenue − refund.
 * - `orderHead`: the line is its order's first (counts orders); `firstOrder`: the order is the buyer's first.
 */
export const salesLines = sqliteTable(
  'sales_lines',
  {
    lineId: integer('line_id').primaryKey(),
    orderId: integer('order_id').notNull(),
    shopId: integer('shop_id').notNull(),
    productId: integer('product_id').notNull(),
    day: integer('day').notNull(),
    paidAt: integer('paid_at').notNull(),
    deliveredAt: integer('delivered_at'),
    outcome: text('outcome', { enum: ['delivered', 'waiting', 'failed', 'refunded'] }).notNull(),
    units: integer('units').notNull(),
    keys: integer('keys').notNull(),
    revenueFen: integer('revenue_fen').notNull(),
    costFen: integer('cost_fen').notNull(),
    feeFen: integer('fee_fen').notNull(),
    refundFen: integer('refund_fen').notNull(),
    buyerId: integer('buyer_id'),
    orderHead: integer('order_head', { mode: 'boolean' }).notNull(),
    firstOrder: integer('first_order', { mode: 'boolean' }).notNull(),
    /** Province / region where the channel gives one (独立站 `region`); null elsewhere. */
    region: text('region'),
  },
  (t) => [
    index('sales_lines_day').on(t.day, t.shopId, t.buyerId),
    index('sales_lines_paid').on(t.paidAt),
    index('sales_lines_delivered').on(t.deliveredAt),
    // 客户来源 over a long range: distinct buyers counted in buyer order straight off these (no table, no
    // sort), in all and per platform off the first, per shop off the second.
    index('sales_lines_buyer_day').on(t.buyerId, t.day, t.shopId, t.productId, t.firstOrder).where(sql`buyer_id IS NOT NULL`),
    index('sales_lines_shop_buyer').on(t.shopId, t.buyerId, t.day, t.productId, t.firstOrder).where(sql`buyer_id IS NOT NULL`),
    // Regions: only the lines that have one (独立站), covering what the report sums.
    index('sales_lines_region').on(t.day, t.region, t.shopId, t.productId, t.orderHead, t.revenueFen).where(sql`region IS NOT NULL`),
  ],
);

/** The ledger summed per Beijing day × shop × product: what every money report reads. */
export const salesDaily = sqliteTable(
  'sales_daily',
  {
    day: integer('day').notNull(),
    shopId: integer('shop_id').notNull(),
    productId: integer('product_id').notNull(),
    lines: integer('lines').notNull(),
    orders: integer('orders').notNull(),
    units: integer('units').notNull(),
    keys: integer('keys').notNull(),
    revenueFen: integer('revenue_fen').notNull(),
    costFen: integer('cost_fen').notNull(),
    feeFen: integer('fee_fen').notNull(),
    refundFen: integer('refund_fen').notNull(),
    deliveredLines: integer('delivered_lines').notNull(),
    failedLines: integer('failed_lines').notNull(),
    refundedLines: integer('refunded_lines').notNull(),
    /** Orders that were their buyer's first anywhere, and the revenue of such orders' lines. */
    newBuyers: integer('new_buyers').notNull(),
    newRevenueFen: integer('new_revenue_fen').notNull(),
    /** Orders (and their lines' revenue) of buyers who had bought before. */
    returningOrders: integer('returning_orders').notNull(),
    returningRevenueFen: integer('returning_revenue_fen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.shopId, t.productId] }), index('sales_daily_product').on(t.productId, t.day)],
);

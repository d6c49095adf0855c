// 销售底账: keeps `sales_lines` (one row per paid order line) and its daily roll-up `sales_daily` up to
// date. Triggers (migration 0010) put every changed line id into `report_dirty`; `refresh` recomputes
// those lines set-wise, a chunk per transaction, yielding between chunks so a year of orders after an
// upgrade or a 重新计算 never holds the event loop. Reports read the roll-up, so a report over a
// million lines sums a few thousand rows.
import type Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../log/logger.js';
import { stmt } from '../db/statements.js';

/** Lines per transaction: ~20–50 ms of work on a slow 2-core machine, so the event loop is never held long. */
export const CHUNK_LINES = 250;

/** Orders / lines per transaction when 重新计算 registers buyers and marks every line (cheap rows). */
const REBUILD_SLICE = 5_000;

/** The cross-shop buyer: order_signals' identity, else the platform's own buyer index (prefixed by platform). */
const BUYER_KEY = `coalesce(g.buyer_key, CASE WHEN o.buyer_index IS NOT NULL THEN CAST('p:' || s.platform || ':' || hex(o.buyer_index) AS BLOB) END)`;

const DAILY_COLUMNS = `day, shop_id, product_id, lines, orders, units, keys, revenue_fen, cost_fen, fee_fen, refund_fen,
  delivered_lines, failed_lines, refunded_lines, new_buyers, new_revenue_fen, returning_orders, returning_revenue_fen`;

/** The roll-up of a set of ledger rows; `sign` '-' takes them back out. */
function dailySums(sign: '' | '-'): string {
  const sums = [
    'count(*)', 'sum(order_head)', 'sum(units)', 'sum(keys)', 'sum(revenue_fen)', 'sum(cost_fen)', 'sum(fee_fen)', 'sum(refund_fen)',
    "sum(outcome = 'delivered')", "sum(outcome = 'failed')", "sum(outcome = 'refunded')",
    'sum(order_head AND first_order)', 'sum(CASE WHEN first_order THEN revenue_fen ELSE 0 END)',
    'sum(order_head AND buyer_id IS NOT NULL AND NOT first_order)', 'sum(CASE WHEN buyer_id IS NOT NULL AND NOT first_order THEN revenue_fen ELSE 0 END)',
  ];
  return sums.map((s) => sign + s).join(', ');
}

const ADD_ON_CONFLICT = `ON CONFLICT (day, shop_id, product_id) DO UPDATE SET ${DAILY_COLUMNS.split(',')
  .slice(3)
  .map((c) => c.trim())
  .map((c) => `${c} = ${c} + excluded.${c}`)
  .join(', ')}`;

/**
 * One ledger row per line of the chunk. Revenue is price × quantity of every paid line; a line refunded
 * or closed after payment refunds all of it; cost is what its keys' batches and its successful top-ups
 * cost; the platform fee is the shop's rate on what was kept, rounded to the 分.
 */
const FACTS_SELECT = `
SELECT x.id, x.order_id, x.shop_id, x.product_id,
  CAST(strftime('%Y%m%d', (x.paid + 28800000) / 1000, 'unixepoch') AS INTEGER), x.paid, x.delivered_at,
  CASE WHEN x.delivered THEN 'delivered' WHEN x.refund_fen > 0 THEN 'refunded' WHEN x.status = 'failed' THEN 'failed' ELSE 'waiting' END,
  x.quantity, x.keys, x.revenue, x.cost, ((x.revenue - x.refund_fen) * x.fee_rate_bp + 5000) / 10000, x.refund_fen,
  x.buyer_id, x.order_head, coalesce(x.first_order_id = x.order_id, 0), x.region
FROM (
  SELECT l.id, l.order_id, l.shop_id, coalesce(l.product_id, 0) AS product_id, coalesce(l.paid_at, o.paid_at) AS paid,
    l.delivered_at, l.status, l.quantity, s.fee_rate_bp, g.region,
    (l.delivered_at IS NOT NULL OR l.status IN ('delivered', 'after_sales')) AS delivered,
    l.price_fen * l.quantity AS revenue,
    CASE WHEN l.status IN ('refunded', 'cancelled') OR l.refund = 'refunded' THEN l.price_fen * l.quantity ELSE 0 END AS refund_fen,
    (SELECT count(*) FROM line_keys lk WHERE lk.line_id = l.id) AS keys,
    coalesce((SELECT sum(b.unit_cost_fen) FROM line_keys lk JOIN keys k ON k.id = lk.key_id JOIN batches b ON b.id = k.batch_id WHERE lk.line_id = l.id), 0)
      + coalesce((SELECT sum(t.cost_fen) FROM topup_attempts t WHERE t.line_id = l.id AND t.state IN ('success', 'disputed')), 0) AS cost,
    l.id = (SELECT min(l2.id) FROM order_lines l2 WHERE l2.order_id = l.order_id) AS order_head,
    rb.id AS buyer_id, rb.first_order_id
  FROM report_chunk c
  CROSS JOIN order_lines l ON l.id = c.line_id
  CROSS JOIN orders o ON o.id = l.order_id
  CROSS JOIN shops s ON s.id = l.shop_id
  LEFT JOIN order_signals g ON g.order_id = l.order_id
  LEFT JOIN report_buyers rb ON rb.key = ${BUYER_KEY}
) x WHERE x.paid IS NOT NULL`;

/** The paid orders of the chunk with their buyer, earliest first (so the first seen is the buyer's first). */
const CHUNK_BUYERS = `
SELECT DISTINCT ${BUYER_KEY} AS key, o.id AS orderId, coalesce(o.paid_at, l.paid_at) AS paidAt
FROM report_chunk c CROSS JOIN order_lines l ON l.id = c.line_id CROSS JOIN orders o ON o.id = l.order_id CROSS JOIN shops s ON s.id = l.shop_id
LEFT JOIN order_signals g ON g.order_id = o.id
WHERE coalesce(o.paid_at, l.paid_at) IS NOT NULL AND key IS NOT NULL
ORDER BY paidAt, orderId`;

interface ChunkBuyer { key: Buffer; orderId: number; paidAt: number }

export class SalesLedger {
  private running: Promise<number> | undefined;

  constructor(private readonly d: { sqlite: Database.Database; clock: Clock; events: EventBus; log: Logger }) {
    d.sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS report_chunk (line_id INTEGER PRIMARY KEY)');
  }

  /** Lines waiting to be (re)computed. */
  pending(): number {
    return (stmt(this.d.sqlite, 'select count(*) as n from report_dirty').get() as { n: number }).n;
  }

  /** Lines in the ledger. */
  lines(): number {
    return (stmt(this.d.sqlite, 'select count(*) as n from sales_lines').get() as { n: number }).n;
  }

  /**
   * Recomputes every dirty line, a chunk per transaction. One run at a time: a second caller waits for
   * the running one and then drains what arrived meanwhile. Resolves with the lines recomputed.
   */
  async refresh(): Promise<number> {
    while (this.running) await this.running;
    if (this.pending() === 0) return 0;
    this.running = this.drain();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /**
   * Everything recomputed from the orders, keys and top-ups (重新计算). The ledger is emptied, then every
   * buyer's first order is registered and every line marked, a slice of ids per transaction; the refresh
   * then counts the lines. Reports meanwhile show what is counted so far, and `pending` says how much is left.
   */
  async rebuild(): Promise<number> {
    while (this.running) await this.running;
    // Held as the running refresh, so no line is counted while buyers are half registered.
    this.running = this.rebuildAll();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async rebuildAll(): Promise<number> {
    const db = this.d.sqlite;
    // Without a WHERE, SQLite empties a table by dropping its pages: fast whatever its size.
    db.transaction(() => db.exec('DELETE FROM sales_lines; DELETE FROM sales_daily; DELETE FROM report_buyers;'))();
    const maxOrder = (stmt(db, 'SELECT coalesce(max(id), 0) AS n FROM orders').get() as { n: number }).n;
    // The earliest (paid, order id) wins whatever order the slices come in, so no sort over every order.
    const register = stmt(db, `INSERT INTO report_buyers (key, first_at, first_order_id)
      SELECT key, paid, id FROM (
        SELECT ${BUYER_KEY} AS key, o.paid_at AS paid, o.id FROM orders o CROSS JOIN shops s ON s.id = o.shop_id
        LEFT JOIN order_signals g ON g.order_id = o.id WHERE o.id > ? AND o.id <= ? AND o.paid_at IS NOT NULL)
      WHERE key IS NOT NULL
      ON CONFLICT (key) DO UPDATE SET first_at = excluded.first_at, first_order_id = excluded.first_order_id
        WHERE (excluded.first_at, excluded.first_order_id) < (report_buyers.first_at, report_buyers.first_order_id)`);
    for (let from = 0; from < maxOrder; from += REBUILD_SLICE) {
      db.transaction(() => register.run(from, from + REBUILD_SLICE))();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const maxLine = (stmt(db, 'SELECT coalesce(max(id), 0) AS n FROM order_lines').get() as { n: number }).n;
    const mark = stmt(db, 'INSERT OR IGNORE INTO report_dirty (line_id) SELECT id FROM order_lines WHERE id > ? AND id <= ?');
    for (let from = 0; from < maxLine; from += REBUILD_SLICE) {
      db.transaction(() => mark.run(from, from + REBUILD_SLICE))();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return this.drain();
  }

  /** A shop's fee rate changed: its fees are recomputed and its part of the roll-up summed again. */
  recomputeShopFees(shopId: number): void {
    const db = this.d.sqlite;
    db.transaction(() => {
      // The rate is read in SQL: better-sqlite3 binds a JS number as REAL, which would make the division exact (12.44 分).
      stmt(db, `UPDATE sales_lines SET fee_fen = ((revenue_fen - refund_fen) * coalesce((SELECT fee_rate_bp FROM shops WHERE id = sales_lines.shop_id), 0) + 5000) / 10000
        WHERE shop_id = ?`).run(shopId);
      stmt(db, 'DELETE FROM sales_daily WHERE shop_id = ?').run(shopId);
      stmt(db, `INSERT INTO sales_daily (${DAILY_COLUMNS}) SELECT day, shop_id, product_id, ${dailySums('')}
        FROM sales_lines WHERE shop_id = ? GROUP BY day, shop_id, product_id`).run(shopId);
    })();
  }

  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = this.refreshChunk();
      if (n === 0) break;
      total += n;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (total > 0) this.d.events.emit('reports.changed', { lines: total });
    return total;
  }

  /** Recomputes up to CHUNK_LINES dirty lines in one transaction; returns how many. */
  refreshChunk(max = CHUNK_LINES): number {
    const db = this.d.sqlite;
    return db.transaction(() => {
      db.exec('DELETE FROM report_chunk');
      const n = stmt(db, 'INSERT INTO report_chunk (line_id) SELECT line_id FROM report_dirty ORDER BY line_id LIMIT ?').run(max).changes;
      if (n === 0) return 0;
      this.updateBuyers();
      const touched = stmt(db, 'SELECT DISTINCT day, shop_id AS shopId, product_id AS productId FROM sales_lines WHERE line_id IN (SELECT line_id FROM report_chunk)').all() as { day: number; shopId: number; productId: number }[];
      const inChunk = 'FROM sales_lines WHERE line_id IN (SELECT line_id FROM report_chunk) GROUP BY day, shop_id, product_id';
      stmt(db, `INSERT INTO sales_daily (${DAILY_COLUMNS}) SELECT day, shop_id, product_id, ${dailySums('-')} ${inChunk} ${ADD_ON_CONFLICT}`).run();
      stmt(db, 'DELETE FROM sales_lines WHERE line_id IN (SELECT line_id FROM report_chunk)').run();
      stmt(db, `INSERT INTO sales_lines (line_id, order_id, shop_id, product_id, day, paid_at, delivered_at, outcome, units, keys,
        revenue_fen, cost_fen, fee_fen, refund_fen, buyer_id, order_head, first_order, region) ${FACTS_SELECT}`).run();
      stmt(db, `INSERT INTO sales_daily (${DAILY_COLUMNS}) SELECT day, shop_id, product_id, ${dailySums('')} ${inChunk} ${ADD_ON_CONFLICT}`).run();
      const dropEmpty = stmt(db, 'DELETE FROM sales_daily WHERE day = ? AND shop_id = ? AND product_id = ? AND lines = 0');
      for (const t of touched) dropEmpty.run(t.day, t.shopId, t.productId);
      stmt(db, 'DELETE FROM report_dirty WHERE line_id IN (SELECT line_id FROM report_chunk)').run();
      return n;
    })();
  }

  /**
   * Registers the chunk's buyers. An order paid earlier than the buyer's known first order (a shop
   * polled late) becomes the first, and the previous first order's lines are marked to count again as
   * returning.
   */
  private updateBuyers(): void {
    const db = this.d.sqlite;
    const find = stmt(db, 'SELECT first_at AS firstAt, first_order_id AS firstOrderId FROM report_buyers WHERE key = ?');
    const insert = stmt(db, 'INSERT INTO report_buyers (key, first_at, first_order_id) VALUES (?, ?, ?)');
    const move = stmt(db, 'UPDATE report_buyers SET first_at = ?, first_order_id = ? WHERE key = ?');
    const recount = stmt(db, 'INSERT OR IGNORE INTO report_dirty (line_id) SELECT id FROM order_lines WHERE order_id = ?');
    for (const b of stmt(db, CHUNK_BUYERS).all() as ChunkBuyer[]) {
      const known = find.get(b.key) as { firstAt: number; firstOrderId: number } | undefined;
      if (!known) insert.run(b.key, b.paidAt, b.orderId);
      else if (b.paidAt < known.firstAt || (b.paidAt === known.firstAt && b.orderId < known.firstOrderId)) {
        move.run(b.paidAt, b.orderId, b.key);
        recount.run(known.firstOrderId);
      }
    }
  }
}

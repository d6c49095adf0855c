// 工作台: today and this week, the problems waiting, the last deliveries. The money figures are sums over
// the daily roll-up, so they cost a handful of rows whatever the volume; the median delivery time and the
// recent list read the ledger through its day and delivered_at indexes.
import type Database from 'better-sqlite3';
import type { PeriodFigures, RecentDelivery, Workbench } from '../../../src-shared/contract/index.js';
import { dayNumber, todayAndWeek } from '../../../src-shared/reports/days.js';
import { stmt } from '../db/statements.js';
import type { ReportDeps } from './index.js';

export type WorkbenchDeps = Pick<ReportDeps, 'sqlite' | 'clock' | 'afterSales' | 'risk'>;

/** How many deliveries the live feed shows. */
export const RECENT_DELIVERIES = 10;

export function workbench(d: WorkbenchDeps, pending: number): Workbench {
  const { today, weekStart } = todayAndWeek(d.clock.now());
  return {
    today: { from: today, to: today, figures: periodFigures(d.sqlite, today, today) },
    week: { from: weekStart, to: today, figures: periodFigures(d.sqlite, weekStart, today) },
    problems: problems(d),
    recentDeliveries: recentDeliveries(d.sqlite),
    pending,
  };
}

interface PeriodSums {
  orders: number;
  lines: number;
  revenue: number;
  profit: number;
  delivered: number;
  refunded: number;
}

/** The figures of whole Beijing days `from`..`to` (both included). */
export function periodFigures(sqlite: Database.Database, from: string, to: string): PeriodFigures {
  const range = [dayNumber(from), dayNumber(to)];
  const s = stmt(sqlite, `SELECT coalesce(sum(orders), 0) AS orders, coalesce(sum(lines), 0) AS lines, coalesce(sum(revenue_fen), 0) AS revenue,
      coalesce(sum(revenue_fen - refund_fen - cost_fen - fee_fen), 0) AS profit, coalesce(sum(delivered_lines), 0) AS delivered,
      coalesce(sum(refunded_lines), 0) AS refunded
    FROM sales_daily WHERE day BETWEEN ? AND ?`).get(...range) as PeriodSums;
  // A line refunded before anything went out was never owed a delivery.
  const due = s.lines - s.refunded;
  return {
    orders: s.orders,
    lines: s.lines,
    revenueFen: s.revenue,
    profitFen: s.profit,
    delivered: s.delivered,
    due,
    successRate: due > 0 ? s.delivered / due : null,
    medianDeliveryMs: medianDeliveryMs(sqlite, range[0]!, range[1]!),
  };
}

const DELIVERED_IN_RANGE = `FROM sales_lines WHERE day BETWEEN ? AND ? AND outcome = 'delivered' AND delivered_at IS NOT NULL`;

/**
 * Paid → delivered over the delivered lines of the days, the middle one (the mean of the middle two for
 * an even count, rounded). A platform clock a little ahead of ours can make a time negative: it counts as 0.
 * Only the one or two middle rows come back, so a busy week is not copied into memory.
 */
function medianDeliveryMs(sqlite: Database.Database, from: number, to: number): number | null {
  const n = (stmt(sqlite, `SELECT count(*) AS n ${DELIVERED_IN_RANGE}`).get(from, to) as { n: number }).n;
  if (n === 0) return null;
  const middle = stmt(sqlite, `SELECT max(delivered_at - paid_at, 0) AS ms ${DELIVERED_IN_RANGE} ORDER BY ms LIMIT ? OFFSET ?`)
    .pluck()
    .all(from, to, 2 - (n % 2), Math.floor((n - 1) / 2)) as number[];
  return Math.round(middle.reduce((a, b) => a + b, 0) / middle.length);
}

/** What waits for the owner, each counted the way its own screen counts it. */
function problems(d: WorkbenchDeps): Workbench['problems'] {
  // limit 0: the queue's per-kind counts without reading (or decrypting) a single row.
  const { counts } = d.afterSales.queue({ limit: 0 });
  return {
    afterSales: Object.values(counts).reduce((a, b) => a + b, 0),
    riskHolds: d.risk.holds.openCount(),
    outOfStock: (stmt(d.sqlite, `SELECT count(*) AS n FROM order_lines WHERE status = 'out_of_stock'`).get() as { n: number }).n,
    failedSyncs: failedSyncs(d.sqlite),
  };
}

/**
 * Shops whose pulls fail or that must be re-authorised (a paused shop is not pulling, so its old error
 * is not news), plus the enabled cloud sheets whose last check failed.
 */
function failedSyncs(sqlite: Database.Database): number {
  const shops = stmt(sqlite, `SELECT count(*) AS n FROM shops WHERE status IN ('error', 'needs_auth') OR (status = 'active' AND last_error IS NOT NULL)`).get() as { n: number };
  const sheets = stmt(sqlite, 'SELECT count(*) AS n FROM sheet_syncs WHERE enabled = 1 AND last_error IS NOT NULL').get() as { n: number };
  return shops.n + sheets.n;
}

/** The last deliveries, newest first; the buyer only as the platform's masked nick. */
function recentDeliveries(sqlite: Database.Database): RecentDelivery[] {
  return stmt(sqlite, `SELECT sl.line_id AS lineId, sl.order_id AS orderId, o.platform_order_id AS platformOrderId, s.name AS shopName, s.platform,
      coalesce(p.name, l.title) AS productName, sl.units AS quantity, sl.revenue_fen AS amountFen, o.buyer_masked AS buyerMasked,
      sl.paid_at AS paidAt, sl.delivered_at AS deliveredAt
    FROM sales_lines sl
    JOIN order_lines l ON l.id = sl.line_id
    JOIN orders o ON o.id = sl.order_id
    JOIN shops s ON s.id = sl.shop_id
    LEFT JOIN products p ON p.id = sl.product_id
    WHERE sl.delivered_at IS NOT NULL
    ORDER BY sl.delivered_at DESC, sl.line_id DESC LIMIT ?`).all(RECENT_DELIVERIES) as RecentDelivery[];
}

// 热销商品 and 利润分析: sums over the daily roll-up (`sales_daily`), a few thousand rows even for a
// year of a million order lines. 客户来源 needs distinct buyers and lives in money-customers.ts.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput, ProfitRow, ReportFilter } from '../../../src-shared/contract/index.js';
import { dayNumber, eachDay } from '../../../src-shared/reports/days.js';
import { stmt } from '../db/statements.js';
import { ledgerFilter, money, MONEY_SUMS, UNLINKED_PRODUCT, type MoneySums } from './money-filter.js';

export { customerReport } from './money-customers.js';

interface Summed extends MoneySums {
  key: number;
  name: string | null;
  units: number;
  lines: number;
}

type HotOutput = MethodOutput<'reports.hot'>;
type ProfitOutput = MethodOutput<'reports.profit'>;

/** Rows of `sales_daily` in the filter, summed per `group` (day, product_id or shop_id), with a name. */
function sumBy(sqlite: Database.Database, input: ReportFilter, group: 'day' | 'product' | 'shop'): Summed[] {
  const f = ledgerFilter(input, 'd');
  const column = group === 'day' ? 'd.day' : group === 'product' ? 'd.product_id' : 'd.shop_id';
  const name = group === 'day' ? 'NULL' : group === 'product' ? '(SELECT name FROM products WHERE id = g.key)' : '(SELECT name FROM shops WHERE id = g.key)';
  return stmt(sqlite, `SELECT g.*, ${name} AS name FROM (
      SELECT ${column} AS key, sum(d.units) AS units, sum(d.lines) AS lines, ${MONEY_SUMS}
      FROM sales_daily d WHERE ${f.sql} GROUP BY ${column}) g`).all(...f.params) as Summed[];
}

function productName(row: Summed): string {
  if (row.key === 0) return UNLINKED_PRODUCT;
  return row.name ?? `商品 #${row.key}`;
}

const zero: Summed = { key: 0, name: null, units: 0, lines: 0, revenueFen: 0, refundFen: 0, costFen: 0, feeFen: 0 };

function totalsOf(rows: Summed[]): { units: number; lines: number } & MoneySums & { profitFen: number } {
  const t = rows.reduce((a, r) => ({
    ...a, units: a.units + r.units, lines: a.lines + r.lines, revenueFen: a.revenueFen + r.revenueFen,
    refundFen: a.refundFen + r.refundFen, costFen: a.costFen + r.costFen, feeFen: a.feeFen + r.feeFen,
  }), zero);
  return { units: t.units, lines: t.lines, ...money(t) };
}

/** Largest first; ties by id, so the order never depends on how SQLite happened to group. */
function byDesc<T extends { profitFen: number }>(value: (row: T) => number, id: (row: T) => number) {
  return (a: T, b: T): number => value(b) - value(a) || id(a) - id(b);
}

/**
 * 热销商品排行: per product, sorted by units, revenue or profit (largest first), the top `limit`; the
 * totals cover every product in the filter, not only the rows shown.
 */
export function hotReport(sqlite: Database.Database, input: ParsedInput<'reports.hot'>): HotOutput {
  const summed = sumBy(sqlite, input, 'product');
  const rows = summed.map((r) => ({ productId: r.key, productName: productName(r), units: r.units, lines: r.lines, ...money(r) }));
  const value = { units: (r: HotOutput['rows'][number]) => r.units, revenue: (r: HotOutput['rows'][number]) => r.revenueFen, profit: (r: HotOutput['rows'][number]) => r.profitFen }[input.sortBy];
  rows.sort(byDesc(value, (r) => r.productId));
  return { rows: rows.slice(0, input.limit), totals: totalsOf(summed) };
}

/**
 * 利润分析 by day (every day of the range, zero-filled, oldest first, for a continuous chart), by product
 * or by shop (most profitable first).
 */
export function profitReport(sqlite: Database.Database, input: ParsedInput<'reports.profit'>): ProfitOutput {
  const summed = sumBy(sqlite, input, input.groupBy);
  const row = (key: string, label: string, r: Summed): ProfitRow => ({ key, label, lines: r.lines, units: r.units, ...money(r) });
  let rows: ProfitRow[];
  if (input.groupBy === 'day') {
    const byDay = new Map(summed.map((r) => [r.key, r]));
    rows = eachDay(input.from, input.to).map((day) => row(day, day, byDay.get(dayNumber(day)) ?? zero));
  } else {
    const label = input.groupBy === 'product' ? productName : (r: Summed) => r.name ?? `店铺 #${r.key}`;
    rows = summed.map((r) => row(String(r.key), label(r), r)).sort(byDesc((r) => r.profitFen, (r) => Number(r.key)));
  }
  return { groupBy: input.groupBy, rows, totals: totalsOf(summed) };
}

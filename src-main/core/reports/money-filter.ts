// What every money report is narrowed by (date range, platforms, shops, products), as one SQL WHERE
// clause over the ledger (`sales_daily` or `sales_lines`, which share day / shop_id / product_id).
// Lists are bound as one JSON parameter each, so the SQL text depends only on which filters are set and
// the prepared statement is reused.
import type { ReportFilter } from '../../../src-shared/contract/index.js';
import { dayNumber } from '../../../src-shared/reports/days.js';

export interface LedgerFilter {
  /** `<alias>.day BETWEEN ? AND ? AND …`, without the WHERE keyword. */
  sql: string;
  params: (number | string)[];
}

/** Product 0 in the ledger: lines not yet linked to a product. */
export const UNLINKED_PRODUCT = '未关联商品';

/** An empty list narrows nothing, like an absent one. */
const given = <T>(list: T[] | undefined): list is T[] => list !== undefined && list.length > 0;

export function ledgerFilter(input: Pick<ReportFilter, 'from' | 'to' | 'platforms' | 'shopIds' | 'productIds'>, alias: string): LedgerFilter {
  const parts = [`${alias}.day BETWEEN ? AND ?`];
  const params: (number | string)[] = [dayNumber(input.from), dayNumber(input.to)];
  if (given(input.platforms)) {
    parts.push(`${alias}.shop_id IN (SELECT id FROM shops WHERE platform IN (SELECT value FROM json_each(?)))`);
    params.push(JSON.stringify(input.platforms));
  }
  if (given(input.shopIds)) {
    parts.push(`${alias}.shop_id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(input.shopIds));
  }
  if (given(input.productIds)) {
    parts.push(`${alias}.product_id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(input.productIds));
  }
  return { sql: parts.join(' AND '), params };
}

/** The money columns summed over a set of `sales_daily` rows (alias `d`). */
export const MONEY_SUMS = `sum(d.revenue_fen) AS revenueFen, sum(d.refund_fen) AS refundFen, sum(d.cost_fen) AS costFen, sum(d.fee_fen) AS feeFen`;

export interface MoneySums {
  revenueFen: number;
  refundFen: number;
  costFen: number;
  feeFen: number;
}

/** The contract's money figures: profit = revenue − refund − cost − fee. */
export function money(s: MoneySums): MoneySums & { profitFen: number } {
  return { revenueFen: s.revenueFen, refundFen: s.refundFen, costFen: s.costFen, feeFen: s.feeFen, profitFen: s.revenueFen - s.refundFen - s.costFen - s.feeFen };
}

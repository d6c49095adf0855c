import { lineStatus, type LineStatus, type OrderFilter } from '../../../../src-shared/contract/methods/orders.js';
import { DAY_MS } from '../inventory/labels.js';
import { beijingDayStart } from '../inventory/money.js';

/** The filter bar as the owner set it: days as `YYYY-MM-DD` (Beijing), text as typed and applied. */
export interface OrderFilterValues {
  shopId: number | undefined;
  status: LineStatus | undefined;
  problems: boolean;
  days: [string, string] | undefined;
  buyer: string;
  platformOrderId: string;
}

export const NO_FILTER: OrderFilterValues = { shopId: undefined, status: undefined, problems: false, days: undefined, buyer: '', platformOrderId: '' };

/** Filter bar → `orders.list` filter. The last day is included up to its final millisecond. */
export function toOrderFilter(v: OrderFilterValues): OrderFilter {
  return {
    ...(v.shopId !== undefined && { shopId: v.shopId }),
    ...(v.status && { status: v.status }),
    ...(v.problems && { problems: true }),
    ...(v.days && { from: beijingDayStart(v.days[0]), to: beijingDayStart(v.days[1]) + DAY_MS - 1 }),
    ...(v.buyer && { buyer: v.buyer }),
    ...(v.platformOrderId && { platformOrderId: v.platformOrderId }),
  };
}

export function isFiltered(v: OrderFilterValues): boolean {
  return Object.keys(toOrderFilter(v)).length > 0;
}

/**
 * A status and the problem queue are two views of one question ("which lines?"), so picking one
 * clears the other: together they would mostly show nothing.
 */
export function withStatus(v: OrderFilterValues, status: LineStatus | undefined): OrderFilterValues {
  return { ...v, status, problems: false };
}

export function withProblems(v: OrderFilterValues, problems: boolean): OrderFilterValues {
  return { ...v, problems, status: undefined };
}

/** The filter an address opens with: `#/orders/out_of_stock` shows that status (the 工作台's 缺货待发 link). */
export function filterFromSection(section: string | undefined): OrderFilterValues {
  const status = lineStatus.safeParse(section);
  return status.success ? withStatus(NO_FILTER, status.data) : NO_FILTER;
}

import { LINE_STATUS_TITLES, type LineStatus } from '../../../../src-shared/contract/methods/orders.js';

/** Every line status, in the order a line moves through them (the contract's order). */
export const LINE_STATUSES = Object.keys(LINE_STATUS_TITLES) as LineStatus[];

/** The problem queue as the contract defines it (see `lineStatus` in orders.ts): lines that need the owner. */
export { PROBLEM_STATUSES } from '../../../../src-shared/contract/methods/orders.js';

/** antd Tag colours: green when delivered, orange when it waits for the owner, red when it failed. */
export const LINE_STATUS_COLOR: Record<LineStatus, string> = {
  waiting_payment: 'default',
  unmapped: 'warning',
  held: 'warning',
  out_of_stock: 'warning',
  ask_buyer: 'warning',
  topping_up: 'processing',
  topup_paused: 'warning',
  reserved: 'processing',
  sending: 'processing',
  delivered: 'success',
  failed: 'error',
  cancelled: 'default',
  refunded: 'default',
  after_sales: 'magenta',
};

export type LineAction = 'deliverNow' | 'retry' | 'cancel' | 'map';

/** Which statuses each action applies to; the core refuses the rest, this only hides useless buttons. */
const ACTION_STATUSES: Record<LineAction, readonly LineStatus[]> = {
  deliverNow: ['held', 'out_of_stock', 'failed'],
  retry: ['failed', 'sending'],
  cancel: ['reserved', 'out_of_stock', 'held', 'unmapped', 'failed'],
  map: ['unmapped'],
};

export function lineActions(status: LineStatus): LineAction[] {
  return (Object.keys(ACTION_STATUSES) as LineAction[]).filter((a) => ACTION_STATUSES[a].includes(status));
}

// Order callbacks: when a merchant set a callback URL, each finished order is POSTed there as signed JSON
// (`callbackRepeat` times, to exercise the receiver's replay handling). A callback the receiver does not
// answer `success` is retried a few times by postPush; the merchant can always query the order instead.
import { postPush } from '../platforms/push-sender.js';
import { formatBeijing } from '../platforms/units.js';
import { paramsSign } from './protocol.js';
import type { SupMerchant, SupOrder } from './state.js';

/** The callback fields and their signature (same rule as a request: object without sign). */
export function callbackBody(order: SupOrder, merchant: SupMerchant): string {
  const fields: Record<string, string> = {
    order_id: order.orderId,
    customer_order_no: order.customerOrderNo,
    order_status: order.state,
    charge_finish_time: order.finishedAt === null ? '' : formatBeijing(order.finishedAt),
    recharge_description: order.description,
    ...(order.state === 'failed' && { refund_state: order.refunded ? 'refunded' : 'not_refunded' }),
    ...(order.state === 'success' && { dispute_state: order.disputed ? 'disputed' : 'none' }),
  };
  return JSON.stringify({ ...fields, sign: paramsSign(fields, merchant.appSecret) });
}

/** Sends the callback `times` times, one after another; counts the ones the receiver accepted. */
export async function sendCallbacks(url: string, order: SupOrder, merchant: SupMerchant, times: number): Promise<void> {
  const body = callbackBody(order, merchant);
  for (let i = 0; i < times; i++) {
    const accepted = await postPush(url, { headers: { 'content-type': 'application/json; charset=utf-8' }, body });
    if (accepted) order.callbacksSent += 1;
  }
}

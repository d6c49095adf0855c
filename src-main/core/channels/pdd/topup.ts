// 拼多多 direct top-up (直充) result: `pdd.virtual.mobile.charge.notify` (虚拟类目发货通知接口), parameters as in
// the official POP SDK (order_sn, outer_order_sn, status SUCCESS / FAIL, charge_certi[]).
import { isLocalSandbox } from '../delivery.js';
import { ChannelError } from '../errors.js';
import type { ChannelContext, DeliveryOutcome, TopupReport } from '../types.js';
import { formatGmt8 } from '../units.js';
import { PddCallError, pddCallFresh } from './client.js';

/**
 * The business parameters of one report. A success carries its voucher (charge_certi: the account and our
 * serial). `keydesk_message` is the sandbox convention of deliver(): only a local sandbox receives it.
 */
export function chargeNotifyParams(ctx: ChannelContext, report: TopupReport): Record<string, unknown> {
  return {
    order_sn: report.order.orderId,
    outer_order_sn: report.serial,
    status: report.success ? 'SUCCESS' : 'FAIL',
    ...(report.success && {
      charge_certi: [{ charge_certi_mobile: report.account, charge_certi_order_sn: report.serial, charge_certi_date: formatGmt8(ctx.now()) }],
    }),
    ...(isLocalSandbox(ctx.creds.endpoint) && { keydesk_message: report.message }),
  };
}

/** Reports the result for the whole order (拼多多 has no line ids); a repeat answers `already`. */
export async function reportPddTopup(ctx: ChannelContext, report: TopupReport): Promise<DeliveryOutcome> {
  try {
    const root = await pddCallFresh(ctx, 'pdd.virtual.mobile.charge.notify', 'mobile_charge_notify_response', chargeNotifyParams(ctx, report));
    if (root.success !== true) {
      throw new ChannelError('give_up', '拼多多没有收下充值结果（success 不为 true）', { platformMessage: JSON.stringify(root).slice(0, 200) });
    }
    return { result: 'delivered', raw: root };
  } catch (err) {
    if (err instanceof PddCallError && err.alreadyNotified) return { result: 'already', raw: err.body };
    throw err;
  }
}

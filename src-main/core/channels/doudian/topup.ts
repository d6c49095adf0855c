// 抖店 direct top-up (直充) result: `topup.result` (path /topup/result). Parameter names are those of the
// official SDK's TopupResultParam; what stays unconfirmed is listed in the README.
import { ChannelError } from '../errors.js';
import { isObject, text } from '../json.js';
import type { ChannelContext, DeliveryOutcome, TopupReport } from '../types.js';
import { call } from './client.js';
import { doudianError, isAlreadyProcessed } from './errors.js';

/**
 * topup_biz is echoed from the topup.notify SPI request, which KeyDesk does not receive (it polls orders).
 * MOBILE_TOPUP is the only value the SDK documents. *Unconfirmed* for non-phone top-ups: change it here.
 */
export const DOUDIAN_TOPUP_BIZ = 'MOBILE_TOPUP';

/** The request for one report: the shop order, our serial (1:1 with the order), SUCCESS or FAILED. */
export function topupParams(report: TopupReport): Record<string, string> {
  return {
    trade_order_no: report.order.orderId,
    topup_biz: DOUDIAN_TOPUP_BIZ,
    seller_order_no: report.serial,
    seller_order_status: report.success ? 'SUCCESS' : 'FAILED',
    ...(!report.success && { err_desc: report.message }),
  };
}

/**
 * A 10000 answer whose data says `result: FAILED` was not taken. err_code -1 (内部错误, the SDK's example)
 * is the platform's own trouble and worth another try; anything else is a refusal.
 */
export function refusedInData(data: unknown): ChannelError | null {
  if (!isObject(data) || text(data.result).toUpperCase() !== 'FAILED') return null;
  const code = text(data.err_code);
  const said = text(data.err_desc) || '未说明原因';
  const details = { platformCode: code || 'FAILED', platformMessage: said };
  return code === '-1'
    ? new ChannelError('retry', `抖店暂时没有收下充值结果：${said}`, details)
    : new ChannelError('give_up', `抖店拒绝了充值结果回传：${said}（错误码 ${code || '无'}）`, details);
}

/** Reports the result; `000008 请求已处理` (the same report before) is `already`. */
export async function reportDoudianTopup(ctx: ChannelContext, report: TopupReport): Promise<DeliveryOutcome> {
  const env = await call(ctx, 'topup.result', topupParams(report));
  if (isAlreadyProcessed(env)) return { result: 'already', raw: env };
  if (env.code !== 10000) throw doudianError(env);
  const refused = refusedInData(env.data);
  if (refused) throw refused;
  return { result: 'delivered', raw: env };
}

// The 拼多多 APIs the adapter uses, one handler each, after the gateway checks (client, sign, timestamp,
// token) have passed. Handlers throw PddFail for the platform's error answers.
import type { FaultRule } from '../../faults.js';
import { pageOverlapping } from '../paging.js';
import type { RateLimiter } from '../rate-limit.js';
import type { PlatformStore, SimOrder, SimShop } from '../store.js';
import { ERR, HISTORY_MS, MAX_PAGE_SIZE, MAX_WINDOW_SECONDS, PddFail, VIRTUAL_LOGISTICS_ID } from './protocol.js';
import { confirmStatus, orderJson, orderStatus, refundRows, refundStatus } from './serialize.js';

export type PddApi = 'orders' | 'refunds' | 'detail' | 'deliver' | 'other';

export interface CallContext {
  shop: SimShop;
  params: Record<string, unknown>;
  store: PlatformStore;
  limiter: RateLimiter<PddApi>;
  fault?: FaultRule;
}

type Json = Record<string, unknown>;

function intParam(params: Json, name: string, opts: { min?: number; max?: number; fallback?: number } = {}): number {
  const raw = params[name];
  if (raw === undefined || raw === null || raw === '') {
    if (opts.fallback !== undefined) return opts.fallback;
    throw new PddFail(ERR.param, `缺少必填参数 ${name}`);
  }
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n)) throw new PddFail(ERR.param, `${name} 必须是整数`);
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
    throw new PddFail(ERR.param, `${name} 取值范围 ${opts.min ?? '-∞'}–${opts.max ?? '∞'}，收到 ${n}`);
  }
  return n;
}

function oneOf(params: Json, name: string, allowed: number[]): number {
  const n = intParam(params, name);
  if (!allowed.includes(n)) throw new PddFail(ERR.param, `${name} 只能是 ${allowed.join('/')}`);
  return n;
}

function throttle(ctx: CallContext, api: PddApi): void {
  if (ctx.limiter.take(api, ctx.shop.shopId) > 0) throw new PddFail(ERR.limited, '当前接口调用频率超过店铺限额，请降低调用频率');
}

/** start/end_updated_at: Unix seconds, at most 30 minutes apart, within the last three months. */
function window(ctx: CallContext): { from: number; to: number } {
  const start = intParam(ctx.params, 'start_updated_at', { min: 0 });
  const end = intParam(ctx.params, 'end_updated_at', { min: 0 });
  if (end < start) throw new PddFail(ERR.param, 'end_updated_at 不能早于 start_updated_at');
  if (end - start > MAX_WINDOW_SECONDS) throw new PddFail(ERR.param, '开始时间与结束时间间距不能超过 30 分钟');
  if (start * 1000 < ctx.store.clock() - HISTORY_MS) throw new PddFail(ERR.param, '只能查询三个月以内的数据');
  return { from: start * 1000, to: end * 1000 + 999 };
}

function pageParams(params: Json): { page: number; size: number } {
  return {
    page: intParam(params, 'page', { min: 1, fallback: 1 }),
    size: intParam(params, 'page_size', { min: 1, max: MAX_PAGE_SIZE, fallback: MAX_PAGE_SIZE }),
  };
}

function orderIncrement(ctx: CallContext): Json {
  throttle(ctx, 'orders');
  const { from, to } = window(ctx);
  const wantedStatus = oneOf(ctx.params, 'order_status', [1, 2, 3, 5]);
  const wantedRefund = oneOf(ctx.params, 'refund_status', [1, 2, 3, 4, 5]);
  const { page, size } = pageParams(ctx.params);
  const useHasNext = ctx.params.use_has_next === true || ctx.params.use_has_next === 'true';
  // 拼多多 lists an order once it is concluded (paid); unpaid carts never show up here.
  const matches = ctx.store
    .ordersUpdatedBetween(ctx.shop.shopId, from, to)
    .filter((o) => confirmStatus(o) !== 0)
    .filter((o) => wantedStatus === 5 || orderStatus(o) === wantedStatus)
    .filter((o) => wantedRefund === 5 || refundStatus(o) === wantedRefund);
  const list = pageOverlapping(matches, page, size, ctx.fault?.kind === 'duplicate').map(orderJson);
  const hasNext = page * size < matches.length;
  return {
    order_sn_increment_get_response: useHasNext
      ? { has_next: hasNext, order_sn_list: list }
      : { total_count: matches.length, has_next: hasNext, order_sn_list: list },
  };
}

function refundIncrement(ctx: CallContext): Json {
  throttle(ctx, 'refunds');
  const { from, to } = window(ctx);
  const wantedStatus = intParam(ctx.params, 'after_sales_status', { min: 0 });
  const wantedType = oneOf(ctx.params, 'after_sales_type', [1, 2, 3, 4, 5]);
  const { page, size } = pageParams(ctx.params);
  const rows = ctx.store
    .ordersUpdatedBetween(ctx.shop.shopId, from, to)
    .flatMap(refundRows)
    .filter((r) => wantedStatus === 1 || r.after_sales_status === wantedStatus)
    .filter((r) => wantedType === 1 || r.after_sales_type === wantedType);
  const refundList = pageOverlapping(rows, page, size, ctx.fault?.kind === 'duplicate');
  return { refund_increment_get_response: { total_count: rows.length, refund_list: refundList } };
}

function findOrder(ctx: CallContext): SimOrder {
  const orderSn = ctx.params.order_sn;
  if (typeof orderSn !== 'string' || orderSn === '') throw new PddFail(ERR.param, '缺少必填参数 order_sn');
  const order = ctx.store.orders.get(orderSn);
  if (!order || order.shopId !== ctx.shop.shopId) throw new PddFail(ERR.business, `订单不存在：${orderSn}`);
  return order;
}

function orderInformation(ctx: CallContext): Json {
  throttle(ctx, 'detail');
  return { order_info_get_response: { order_info: orderJson(findOrder(ctx)) } };
}

/**
 * Sandbox convention: `keydesk_message` carries the key message (the real call has no such field; the
 * buyer reads keys in the seller IM / card-secret page). It becomes the ledger's `content`.
 */
function logisticsSend(ctx: CallContext): Json {
  throttle(ctx, 'deliver');
  const order = findOrder(ctx);
  const logisticsId = intParam(ctx.params, 'logistics_id');
  const tracking = ctx.params.tracking_number;
  if (typeof tracking !== 'string' || tracking.trim() === '') throw new PddFail(ERR.param, '缺少必填参数 tracking_number');
  if (logisticsId !== VIRTUAL_LOGISTICS_ID) {
    throw new PddFail(ERR.param, `logistics_id 不是有效的快递公司编号（沙箱只接受虚拟发货编号 ${VIRTUAL_LOGISTICS_ID}）`);
  }
  if (order.lines.every((l) => l.shippedAt !== null)) throw new PddFail(ERR.business, '订单已发货，请勿重复发货');
  if (order.lines.some((l) => l.refund === 'requested')) throw new PddFail(ERR.business, '订单售后处理中，不能发货');
  const message = typeof ctx.params.keydesk_message === 'string' ? ctx.params.keydesk_message : '';
  const outcome = ctx.store.ship(
    order,
    order.lines.map((l) => l.lineId),
    message,
  );
  if (outcome === 'already') throw new PddFail(ERR.business, '订单已发货，请勿重复发货');
  if (outcome === 'not_paid') {
    throw new PddFail(ERR.business, order.status === 'unpaid' ? '订单未成交，不能发货' : '订单已关闭或已退款，不能发货');
  }
  return { logistics_online_send_response: { is_success: true } };
}

const CHARGE_STATUSES = ['SUCCESS', 'FAIL'];

/**
 * pdd.virtual.mobile.charge.notify (虚拟类目发货通知): order_sn, outer_order_sn (our serial), status SUCCESS |
 * FAIL, optional charge_certi[]. Only an order with a recharge line may report (拼多多 gives the account
 * to nobody through the order API; the store knows it from the control call). SUCCESS ships the order,
 * FAIL opens a refund request. The refusal texts are sandbox conventions (see README).
 */
function chargeNotify(ctx: CallContext): Json {
  throttle(ctx, 'deliver');
  const order = findOrder(ctx);
  const { status, outer_order_sn: serial } = ctx.params;
  if (typeof status !== 'string' || !CHARGE_STATUSES.includes(status)) throw new PddFail(ERR.param, `status 只能是 ${CHARGE_STATUSES.join('/')}`);
  if (typeof serial !== 'string' || serial.trim() === '') throw new PddFail(ERR.param, '缺少必填参数 outer_order_sn');
  if (ctx.params.charge_certi !== undefined && !Array.isArray(ctx.params.charge_certi)) throw new PddFail(ERR.param, 'charge_certi 必须是数组');
  const message = typeof ctx.params.keydesk_message === 'string' ? ctx.params.keydesk_message : JSON.stringify({ status, outer_order_sn: serial });
  const outcome = ctx.store.reportTopup(
    order,
    order.lines.map((l) => l.lineId),
    { success: status === 'SUCCESS', serial, content: message },
  );
  switch (outcome) {
    case 'reported':
      return { mobile_charge_notify_response: { success: true } };
    case 'already':
      throw new PddFail(ERR.business, status === 'SUCCESS' ? '订单已充值成功，请勿重复通知' : '订单已回传充值失败，请勿重复通知');
    case 'conflict':
      throw new PddFail(ERR.business, '订单充值结果已回传，不能变更');
    case 'not_recharge':
      throw new PddFail(ERR.business, '该订单不是虚拟充值订单，不能回传充值结果');
    case 'not_paid':
      throw new PddFail(ERR.business, order.status === 'unpaid' ? '订单未成交，不能回传充值结果' : '订单已关闭或已退款，不能回传充值结果');
  }
}

function mallInfo(ctx: CallContext): Json {
  throttle(ctx, 'other');
  const { shop } = ctx;
  return { mall_info_get_response: { mall_id: Number(shop.shopId), mall_name: shop.name, mall_desc: '', logo: '', merchant_type: 1 } };
}

/** The token refresh is signed like any call but carries refresh_token instead of access_token. */
export function tokenRefresh(ctx: CallContext): Json {
  const { shop } = ctx;
  if (ctx.params.refresh_token !== shop.refreshToken || !shop.refreshToken) {
    throw new PddFail(ERR.token, 'refresh_token 无效或已过期，请重新授权');
  }
  ctx.store.issueToken(shop);
  const now = ctx.store.clock();
  return {
    pop_auth_token_refresh_response: {
      access_token: shop.accessToken,
      refresh_token: shop.refreshToken,
      expires_at: Math.floor(shop.tokenExpiresAt / 1000),
      expires_in: Math.floor((shop.tokenExpiresAt - now) / 1000),
      owner_id: shop.shopId,
      owner_name: shop.name,
      scope: ['pdd.order.number.list.increment.get', 'pdd.logistics.online.send', 'pdd.virtual.mobile.charge.notify'],
    },
  };
}

export const HANDLERS: Record<string, (ctx: CallContext) => Json> = {
  'pdd.order.number.list.increment.get': orderIncrement,
  'pdd.refund.list.increment.get': refundIncrement,
  'pdd.order.information.get': orderInformation,
  'pdd.logistics.online.send': logisticsSend,
  'pdd.virtual.mobile.charge.notify': chargeNotify,
  'pdd.mall.info.get': mallInfo,
};

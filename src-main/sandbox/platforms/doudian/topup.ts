// 抖店 direct top-up (直充) as the simulator serves it: `topup.result` settles a recharge line, and the
// ordinary delivery calls refuse recharge orders. Parameter names follow the official SDK's
// TopupResultParam; the error sub codes for refusals are sandbox conventions (see README).
import type { SimOrder } from '../store.js';
import type { ApiContext } from './api.js';
import { DoudianFail, canonicalJson, strParam } from './gateway.js';

/** seller_order_status values topup.result takes (the topup.notify SPI's final states). */
const STATUSES = ['SUCCESS', 'FAILED'] as const;

const invalid = (code: string, msg: string) => new DoudianFail(40004, `isv.parameter-invalid:${code}`, msg);
const business = (code: string, msg: string) => new DoudianFail(50002, `isv.business-failed:${code}`, `${code}:${msg}`);

/** Sandbox code: a card / logistics call on a line that must be settled by topup.result. */
export const rechargeOnly = (): DoudianFail => business('010014', '充值类商品订单请通过 topup.result 回传充值结果');

export const isRechargeOrder = (order: SimOrder): boolean => order.lines.some((l) => l.rechargeAccount !== undefined);

function required(ctx: ApiContext, key: string): string {
  const value = strParam(ctx.params, key);
  if (!value) throw new DoudianFail(40002, 'isv.missing-parameter', `缺少必选参数 ${key}`);
  return value;
}

/**
 * topup.result: trade_order_no (the shop order id; a sku order id is accepted too, since which one 抖店
 * expects is unconfirmed), topup_biz, seller_order_no, seller_order_status SUCCESS | FAILED, err_code /
 * err_desc. SUCCESS ships the recharge lines (order status 3 once every line is settled); FAILED opens a
 * refund request on them. The same result again answers 000008, the other result 010016.
 */
export function topupResult(ctx: ApiContext): unknown {
  const tradeOrderNo = required(ctx, 'trade_order_no');
  const topupBiz = required(ctx, 'topup_biz');
  const serial = required(ctx, 'seller_order_no');
  const status = required(ctx, 'seller_order_status');
  if (!(STATUSES as readonly string[]).includes(status)) {
    throw invalid('000002', `seller_order_status 只能是 ${STATUSES.join(' / ')}，收到 ${status}`);
  }
  const byLine = ctx.orderOfLine(tradeOrderNo);
  const order = ctx.store.orders.get(tradeOrderNo) ?? byLine;
  if (!order || order.shopId !== ctx.shop.shopId) throw invalid('20045', '订单不存在或不属于该店铺');
  const lineIds = byLine ? [tradeOrderNo] : order.lines.map((l) => l.lineId);
  if (order.riskFlags.length > 0) throw new DoudianFail(80000, 'isv.risk-control', '订单处于风控审核中，暂不能履约');
  const content = canonicalJson({ trade_order_no: tradeOrderNo, seller_order_no: serial, seller_order_status: status, err_desc: strParam(ctx.params, 'err_desc') });
  const outcome = ctx.store.reportTopup(order, lineIds, { success: status === 'SUCCESS', serial, content });
  switch (outcome) {
    case 'reported':
      return { trade_order_no: tradeOrderNo, topup_biz: topupBiz, seller_order_no: serial, result: 'SUCCESS', err_code: '', err_desc: '' };
    case 'already':
      throw business('000008', '请求已处理');
    case 'conflict':
      throw business('010016', '充值结果已回传，不能变更');
    case 'not_recharge':
      throw business('010015', '该订单不是充值类商品订单，不能回传充值结果');
    case 'not_paid':
      if (order.status === 'unpaid') throw business('010009', '订单未支付，不能回传充值结果');
      throw business('010010', '订单已退款或已取消，不能回传充值结果');
  }
}

/**
 * order.logisticsAdd: every sandbox order is a virtual-goods order (order_type 2), which parcel delivery
 * refuses with 60107; card goods use coupons.syncV2, recharge goods topup.result.
 */
export function logisticsAdd(ctx: ApiContext): unknown {
  const id = required(ctx, 'order_id');
  const order = ctx.store.orders.get(id) ?? ctx.orderOfLine(id);
  if (!order || order.shopId !== ctx.shop.shopId) throw invalid('20045', '订单不存在或不属于该店铺');
  throw business('60107', isRechargeOrder(order) ? '虚拟商品订单不支持物流发货，充值类商品请通过 topup.result 回传' : '虚拟商品订单不支持物流发货');
}

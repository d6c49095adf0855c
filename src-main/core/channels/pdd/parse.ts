// 拼多多 order / after-sales JSON → the normalised shapes. Pure functions; `raw` keeps the platform's JSON.
import { ChannelError } from '../errors.js';
import { int, isObject, positionalLineId, text } from '../json.js';
import type { OrderStatus, PlatformOrder, PlatformOrderLine, RefundNotice, RefundState } from '../types.js';
import { unitsFor } from '../units.js';

const T = '拼多多';

/** Unsigned 元 amounts; Beijing-time strings read leniently (see units.ts). */
export const pddUnits = unitsFor({ platform: T, signedYuan: false, strictTime: false });

/** refund_status: 1 none / after-sales closed · 2 after-sales open · 3 refunding · 4 refunded. */
export function refundFromStatus(refundStatus: number): RefundState {
  if (refundStatus === 4) return 'refunded';
  if (refundStatus === 2 || refundStatus === 3) return 'requested';
  return 'none';
}

/**
 * confirm_status 0 not concluded (unpaid) · 1 concluded · 2 cancelled; order_status 1 to ship · 2 shipped ·
 * 3 received. A fully refunded order is closed whatever its shipping state.
 */
export function statusFrom(orderStatus: number, confirmStatus: number, refundStatus: number): OrderStatus {
  if (confirmStatus === 2 || refundStatus === 4) return 'closed';
  if (confirmStatus === 0) return 'unpaid';
  if (orderStatus === 1) return 'paid';
  if (orderStatus === 2) return 'shipped';
  if (orderStatus === 3) return 'done';
  throw new ChannelError('bad_response', `${T}返回了不认识的订单状态：order_status=${orderStatus}`);
}

const LABELLED = /(?:充值账号|充值号码|充值手机号?|账号|手机号码?|QQ号?|号码)\s*[:：]?\s*([A-Za-z0-9@._-]{5,64})/i;
const BARE = /^[A-Za-z0-9@._-]{5,64}$/;

/**
 * The recharge account of a 直充 order. 拼多多's order API never gives it (the official note: 虚拟订单充值手机号
 * 无法通过此接口获取), so buyers leave it in the memo: a labelled one (充值账号：…, 手机号 …, QQ …) or a memo
 * that is only the account. A bare token must hold a digit or an @, so 留言 like "thanks" is no account.
 */
export function accountFromMemo(memo: string): string | undefined {
  const trimmed = memo.trim();
  const labelled = LABELLED.exec(trimmed)?.[1]?.replace(/[._-]+$/, '');
  if (labelled) return labelled;
  return BARE.test(trimmed) && /[\d@]/.test(trimmed) ? trimmed : undefined;
}

export function parsePddOrder(raw: unknown): PlatformOrder {
  if (!isObject(raw)) throw new ChannelError('bad_response', `${T}返回的订单不是对象`);
  const orderId = text(raw.order_sn);
  if (!orderId) throw new ChannelError('bad_response', `${T}返回的订单缺少 order_sn`);
  const orderStatus = int(raw.order_status);
  const refundStatus = int(raw.refund_status);
  const confirmStatus = raw.confirm_status === undefined ? 1 : int(raw.confirm_status);
  const status = statusFrom(orderStatus, confirmStatus, refundStatus);
  const refund = refundFromStatus(refundStatus);
  const items = Array.isArray(raw.item_list) ? raw.item_list : [];
  const buyerMessage = text(raw.buyer_memo);
  // One memo for the order: it names the account of a line only when there is one line.
  const account = items.length === 1 ? accountFromMemo(buyerMessage) : undefined;
  const lines: PlatformOrderLine[] = items.map((item, index) => {
    if (!isObject(item)) throw new ChannelError('bad_response', `${T}订单 ${orderId} 的商品行不是对象`);
    const quantity = int(item.goods_count);
    if (!Number.isInteger(quantity) || quantity < 1) {
      throw new ChannelError('bad_response', `${T}订单 ${orderId} 的商品数量无法识别：${String(item.goods_count)}`);
    }
    return {
      // 拼多多 has no line ids: an order's goods are identified by position.
      lineId: positionalLineId(orderId, index),
      itemId: text(item.goods_id),
      skuId: text(item.sku_id),
      outerId: text(item.outer_id) || text(item.outer_goods_id),
      title: text(item.goods_name),
      quantity,
      priceFen: pddUnits.yuanToFen(item.goods_price, 'goods_price'),
      refund,
      ...(account && { rechargeAccount: account }),
    };
  });
  const updatedAt = pddUnits.optionalGmt8(raw.updated_at, 'updated_at');
  if (updatedAt === null) throw new ChannelError('bad_response', `${T}订单 ${orderId} 缺少 updated_at`);
  // risk_control_status 1: the order is under 拼多多's risk review and must not ship yet.
  const underReview = int(raw.risk_control_status) === 1;
  return {
    orderId,
    status,
    platformStatus: `order_status=${orderStatus},refund_status=${refundStatus},confirm_status=${confirmStatus}`,
    amountFen: pddUnits.yuanToFen(raw.pay_amount, 'pay_amount'),
    paidAt: status === 'unpaid' ? null : pddUnits.optionalGmt8(raw.pay_time, 'pay_time'),
    updatedAt,
    // Receiver fields come encrypted and 拼多多 gives no buyer id in order data.
    buyer: {},
    ...(buyerMessage && { buyerMessage }),
    lines,
    ...(underReview && { riskFlags: ['risk_control'] }),
    raw,
  };
}

/** after_sales_status: 10 refunded; 0/9/11/12/13 (none, refused, cancelled, lapsed) none; the rest open. */
export function refundFromAfterSales(afterSalesStatus: number): RefundState {
  if (afterSalesStatus === 10) return 'refunded';
  if ([0, 9, 11, 12, 13].includes(afterSalesStatus)) return 'none';
  return 'requested';
}

export function parsePddRefund(raw: unknown): RefundNotice {
  if (!isObject(raw)) throw new ChannelError('bad_response', `${T}返回的售后单不是对象`);
  const orderId = text(raw.order_sn);
  const refundId = text(raw.id);
  if (!orderId || !refundId) throw new ChannelError('bad_response', `${T}返回的售后单缺少 order_sn 或 id`);
  const updatedAt = pddUnits.optionalGmt8(raw.updated_time, 'updated_time');
  if (updatedAt === null) throw new ChannelError('bad_response', `${T}售后单 ${refundId} 缺少 updated_time`);
  return {
    orderId,
    // 拼多多 after-sales cover the order (its goods); no line ids exist to name.
    lineId: '',
    refundId,
    state: refundFromAfterSales(int(raw.after_sales_status)),
    amountFen: pddUnits.yuanToFen(raw.refund_amount, 'refund_amount'),
    updatedAt,
    raw,
  };
}

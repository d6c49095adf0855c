// 微店 order JSON → the normalised shapes. Pure; `raw` keeps the platform's JSON.
import { ChannelError } from '../errors.js';
import { int, isObject, positionalLineId, text, type JsonObject as Json } from '../json.js';
import type { OrderStatus, PlatformOrder, PlatformOrderLine, RefundNotice, RefundState } from '../types.js';
import { unitsFor } from '../units.js';

const T = '微店';

/** Unsigned 元 amounts; Beijing-time strings read leniently (see units.ts). */
export const weidianUnits = unitsFor({ platform: T, signedYuan: false, strictTime: false });

/** status_ori: 10 unpaid · 20 paid · 21 part paid · 30 shipped · 31 part shipped · 40 received · 50 done · 60 closed. */
export function statusFromOri(statusOri: number): OrderStatus {
  switch (statusOri) {
    case 10:
    case 21:
      return 'unpaid';
    case 20:
      return 'paid';
    case 30:
    case 31:
      return 'shipped';
    case 40:
    case 50:
      return 'done';
    case 60:
      return 'closed';
    default:
      throw new ChannelError('bad_response', `${T}返回了不认识的订单状态：status_ori=${statusOri}`);
  }
}

/** Item refund_info.refund_status "10" = refunded, anything else present = in progress. */
function itemRefund(item: Json, orderRefundOri: number): RefundState {
  const info = isObject(item.refund_info) ? item.refund_info : undefined;
  const status = info ? text(info.refund_status) : '';
  if (status) return status === '10' ? 'refunded' : 'requested';
  // No per-item detail: refund_status_ori 1 refunding · 2 refunded (0 none, 3 refund closed).
  if (orderRefundOri === 2) return 'refunded';
  if (orderRefundOri === 1) return 'requested';
  return 'none';
}

function items(raw: Json, orderId: string): Json[] {
  const list = Array.isArray(raw.items) ? raw.items : [];
  return list.map((item) => {
    if (!isObject(item)) throw new ChannelError('bad_response', `${T}订单 ${orderId} 的商品行不是对象`);
    return item;
  });
}

export function parseWeidianOrder(raw: unknown): PlatformOrder {
  if (!isObject(raw)) throw new ChannelError('bad_response', `${T}返回的订单不是对象`);
  const orderId = text(raw.order_id);
  if (!orderId) throw new ChannelError('bad_response', `${T}返回的订单缺少 order_id`);
  const statusOri = int(raw.status_ori);
  const refundOri = int(raw.refund_status_ori);
  const status = statusFromOri(statusOri);
  const lines: PlatformOrderLine[] = items(raw, orderId).map((item, index) => {
    const quantity = int(item.quantity);
    if (!Number.isInteger(quantity) || quantity < 1) {
      throw new ChannelError('bad_response', `${T}订单 ${orderId} 的商品数量无法识别：${String(item.quantity)}`);
    }
    return {
      // 微店 items carry no line id: they are named by position.
      lineId: positionalLineId(orderId, index),
      itemId: text(item.item_id),
      skuId: text(item.sku_id),
      outerId: text(item.sku_merchant_code) || text(item.merchant_code),
      title: text(item.item_name),
      quantity,
      priceFen: weidianUnits.yuanToFen(item.price, 'price'),
      refund: itemRefund(item, refundOri),
    };
  });
  const updatedAt = weidianUnits.optionalGmt8(raw.update_time, 'update_time');
  if (updatedAt === null) throw new ChannelError('bad_response', `${T}订单 ${orderId} 缺少 update_time`);
  const buyerInfo = isObject(raw.buyer_info) ? raw.buyer_info : {};
  const buyerId = text(buyerInfo.buyer_id);
  const nick = text(buyerInfo.name);
  const phone = text(raw.user_phone) || text(buyerInfo.phone);
  const buyerMessage = text(raw.note);
  return {
    orderId,
    status,
    platformStatus: `status_ori=${statusOri},refund_status_ori=${Number.isNaN(refundOri) ? '' : refundOri}`,
    amountFen: weidianUnits.yuanToFen(raw.total, 'total'),
    paidAt: status === 'unpaid' ? null : weidianUnits.optionalGmt8(raw.pay_time, 'pay_time'),
    updatedAt,
    buyer: { ...(buyerId && { id: buyerId }), ...(nick && { nick }), ...(phone && { phone }) },
    ...(buyerMessage && { buyerMessage }),
    lines,
    raw,
  };
}

/** One notice per item that carries refund_info (a refunded order without item detail: one whole-order notice). */
export function refundsOfOrder(raw: unknown): RefundNotice[] {
  const order = parseWeidianOrder(raw);
  const json = raw as Json;
  const notices: RefundNotice[] = [];
  items(json, order.orderId).forEach((item, index) => {
    const info = isObject(item.refund_info) ? item.refund_info : undefined;
    if (!info) return;
    const refundId = text(info.refund_no);
    if (!refundId) throw new ChannelError('bad_response', `${T}订单 ${order.orderId} 的退款信息缺少 refund_no`);
    notices.push({
      orderId: order.orderId,
      lineId: positionalLineId(order.orderId, index),
      refundId,
      state: itemRefund(item, 0),
      amountFen: weidianUnits.yuanToFen(info.refund_fee, 'refund_fee'),
      updatedAt: weidianUnits.optionalGmt8(info.refund_time, 'refund_time') ?? order.updatedAt,
      raw: item,
    });
  });
  const refundOri = int(json.refund_status_ori);
  if (notices.length === 0 && (refundOri === 1 || refundOri === 2)) {
    notices.push({
      orderId: order.orderId,
      lineId: '',
      refundId: `${order.orderId}:order`,
      state: refundOri === 2 ? 'refunded' : 'requested',
      amountFen: weidianUnits.yuanToFen(json.refund_fee ?? json.total, 'refund_fee'),
      updatedAt: order.updatedAt,
      raw,
    });
  }
  return notices;
}

// 淘宝 trades and refunds → PlatformOrder / RefundNotice. Shapes are parsed with zod (a missing or wrong
// field is `bad_response`, never a silently wrong order); money becomes 分, times epoch ms.
import { z } from 'zod';
import { parseShape } from '../errors.js';
import type { OrderStatus, PlatformOrder, RefundNotice, RefundState } from '../types.js';
import { taobaoUnits } from './format.js';

// Ids arrive quoted by quoteLongIds (long ones) or as plain numbers (short ones).
const id = z.union([z.string(), z.number()]).transform(String);
const money = z.union([z.string(), z.number()]);
const optionalText = z.string().optional();

const lineSchema = z.looseObject({
  oid: id,
  oid_str: optionalText,
  num_iid: id.optional(),
  sku_id: id.optional(),
  outer_iid: optionalText,
  outer_sku_id: optionalText,
  title: z.string().default(''),
  num: z.coerce.number().int(),
  price: money,
  refund_status: optionalText,
});

const tradeSchema = z.looseObject({
  tid: id,
  tid_str: optionalText,
  status: z.string(),
  payment: money,
  modified: z.string(),
  pay_time: optionalText,
  buyer_nick: optionalText,
  buyer_open_uid: optionalText,
  buyer_message: optionalText,
  orders: z.looseObject({ order: z.array(lineSchema) }).optional(),
});

const refundSchema = z.looseObject({
  refund_id: id,
  tid: id,
  oid: id.optional(),
  status: z.string(),
  refund_fee: money,
  modified: z.string(),
});

const ORDER_STATUS: Record<string, OrderStatus> = {
  WAIT_BUYER_PAY: 'unpaid',
  TRADE_NO_CREATE_PAY: 'unpaid',
  PAY_PENDING: 'unpaid',
  // Paid but not yet allowed to ship (e.g. a group buy still forming): nothing to deliver yet.
  PAID_FORBID_CONSIGN: 'unpaid',
  WAIT_SELLER_SEND_GOODS: 'paid',
  SELLER_CONSIGNED_PART: 'paid',
  WAIT_BUYER_CONFIRM_GOODS: 'shipped',
  TRADE_BUYER_SIGNED: 'shipped',
  TRADE_FINISHED: 'done',
  TRADE_CLOSED: 'closed',
  TRADE_CLOSED_BY_TAOBAO: 'closed',
};

const REFUND_STATE: Record<string, RefundState> = {
  WAIT_SELLER_AGREE: 'requested',
  WAIT_BUYER_RETURN_GOODS: 'requested',
  WAIT_SELLER_CONFIRM_GOODS: 'requested',
  SUCCESS: 'refunded',
};

/** An unknown status never asks for delivery; `platformStatus` keeps the code for support questions. */
export const orderStatusOf = (status: string): OrderStatus => ORDER_STATUS[status] ?? 'unpaid';
/** SELLER_REFUSE_BUYER, CLOSED, NO_REFUND and anything unknown: no refund stands. */
export const refundStateOf = (status: string | undefined): RefundState => (status && REFUND_STATE[status]) || 'none';

export function parseTrade(raw: unknown): PlatformOrder {
  const t = parseShape(tradeSchema, raw, '淘宝', '订单');
  return {
    orderId: t.tid_str || t.tid,
    status: orderStatusOf(t.status),
    platformStatus: t.status,
    amountFen: taobaoUnits.yuanToFen(t.payment, 'payment'),
    paidAt: taobaoUnits.optionalGmt8(t.pay_time, 'pay_time'),
    updatedAt: taobaoUnits.parseGmt8(t.modified, 'modified'),
    buyer: { ...(t.buyer_open_uid && { id: t.buyer_open_uid }), ...(t.buyer_nick && { nick: t.buyer_nick }) },
    ...(t.buyer_message && { buyerMessage: t.buyer_message }),
    lines: (t.orders?.order ?? []).map((line) => ({
      lineId: line.oid_str || line.oid,
      itemId: line.num_iid ?? '',
      skuId: line.sku_id ?? '',
      outerId: line.outer_sku_id || line.outer_iid || '',
      title: line.title,
      quantity: line.num,
      priceFen: taobaoUnits.yuanToFen(line.price, 'price'),
      refund: refundStateOf(line.refund_status),
    })),
    raw,
  };
}

export function parseRefund(raw: unknown): RefundNotice {
  const r = parseShape(refundSchema, raw, '淘宝', '退款');
  return {
    orderId: r.tid,
    lineId: r.oid ?? '',
    refundId: r.refund_id,
    state: refundStateOf(r.status),
    amountFen: taobaoUnits.yuanToFen(r.refund_fee, 'refund_fee'),
    updatedAt: taobaoUnits.parseGmt8(r.modified, 'modified'),
    raw,
  };
}

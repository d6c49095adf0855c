// 有赞 orders and refunds → PlatformOrder / RefundNotice. Shapes are parsed with zod (a missing or wrong
// field is `bad_response`, never a silently wrong order); money becomes 分, times epoch ms.
import { z } from 'zod';
import { parseShape } from '../errors.js';
import type { OrderStatus, PlatformOrder, RefundNotice, RefundState } from '../types.js';
import { unitsFor } from '../units.js';

/** 有赞 writes signed 元 strings and strict Beijing wall-clock strings, like 淘宝. */
export const youzanUnits = unitsFor({ platform: '有赞', signedYuan: true, strictTime: true });

const id = z.union([z.string(), z.number()]).transform(String);
const money = z.union([z.string(), z.number()]);
const optionalText = z.string().optional();

const lineSchema = z.looseObject({
  oid: id,
  item_id: id.optional(),
  sku_id: id.optional(),
  outer_item_id: optionalText,
  outer_sku_id: optionalText,
  title: z.string().default(''),
  num: z.coerce.number().int(),
  price: money,
});

const refundOrderSchema = z.looseObject({
  refund_state: z.coerce.number(),
  oids: z.array(z.union([id, z.looseObject({ oid: id }).transform((o) => o.oid)])).default([]),
});

const entrySchema = z.looseObject({
  full_order_info: z.looseObject({
    order_info: z.looseObject({
      tid: z.string(),
      status: z.string(),
      update_time: z.string(),
      pay_time: optionalText,
      refund_state: z.coerce.number().default(0),
    }),
    buyer_info: z.looseObject({ yz_open_id: optionalText, buyer_phone: optionalText, fans_nickname: optionalText }).optional(),
    pay_info: z.looseObject({ payment: money }),
    remark_info: z.looseObject({ buyer_message: optionalText }).optional(),
    orders: z.array(lineSchema),
  }),
  refund_order: z.array(refundOrderSchema).optional(),
});

const refundSchema = z.looseObject({
  refund_id: id,
  tid: z.string(),
  oid: id.optional(),
  status: z.string(),
  refund_fee: money,
  modified: z.string(),
});

const ORDER_STATUS: Record<string, OrderStatus> = {
  WAIT_BUYER_PAY: 'unpaid',
  // TRADE_PAID is a passing state and WAIT_CONFIRM waits for a group to form or the shop to accept:
  // neither may be delivered yet.
  TRADE_PAID: 'unpaid',
  WAIT_CONFIRM: 'unpaid',
  WAIT_SELLER_SEND_GOODS: 'paid',
  WAIT_BUYER_CONFIRM_GOODS: 'shipped',
  TRADE_SUCCESS: 'done',
  TRADE_CLOSED: 'closed',
};

/** youzan.trade.refund.search `status`. */
const REFUND_STATUS: Record<string, RefundState> = {
  WAIT_SELLER_AGREE: 'requested',
  WAIT_BUYER_RETURN_GOODS: 'requested',
  WAIT_SELLER_CONFIRM_GOODS: 'requested',
  SUCCESS: 'refunded',
};

/** refund_order[].refund_state: 1 asked · 20 return agreed · 30 goods sent back · 60 refunded (10/40 refused, 50 closed). */
function refundOrderState(state: number): RefundState {
  if (state === 60) return 'refunded';
  return state === 1 || state === 20 || state === 30 ? 'requested' : 'none';
}

/** An unknown status never asks for delivery; `platformStatus` keeps the code for support questions. */
export const orderStatusOf = (status: string): OrderStatus => ORDER_STATUS[status] ?? 'unpaid';
export const refundStatusOf = (status: string): RefundState => REFUND_STATUS[status] ?? 'none';

/** Per-line refund state from refund_order[]; when 有赞 gives none, the order-level 11/12 covers every line. */
function lineRefunds(entry: z.output<typeof entrySchema>): (oid: string) => RefundState {
  const byLine = new Map<string, RefundState>();
  for (const refund of entry.refund_order ?? []) {
    const state = refundOrderState(refund.refund_state);
    for (const oid of refund.oids) if (byLine.get(oid) !== 'refunded') byLine.set(oid, state);
  }
  const whole = entry.full_order_info.order_info.refund_state;
  const fallback: RefundState = whole === 12 ? 'refunded' : whole === 11 ? 'requested' : 'none';
  return (oid) => byLine.get(oid) ?? fallback;
}

/** One `full_order_info_list` entry (or youzan.trade.get's `data`). */
export function parseTrade(raw: unknown): PlatformOrder {
  const entry = parseShape(entrySchema, raw, '有赞', '订单');
  const { order_info: info, buyer_info: buyer, pay_info: pay, remark_info: remark, orders } = entry.full_order_info;
  const refundOf = lineRefunds(entry);
  return {
    orderId: info.tid,
    status: orderStatusOf(info.status),
    platformStatus: info.status,
    amountFen: youzanUnits.yuanToFen(pay.payment, 'payment'),
    paidAt: youzanUnits.optionalGmt8(info.pay_time, 'pay_time'),
    updatedAt: youzanUnits.parseGmt8(info.update_time, 'update_time'),
    buyer: {
      ...(buyer?.yz_open_id && { id: buyer.yz_open_id }),
      ...(buyer?.fans_nickname && { nick: buyer.fans_nickname }),
      ...(buyer?.buyer_phone && { phone: buyer.buyer_phone }),
    },
    ...(remark?.buyer_message && { buyerMessage: remark.buyer_message }),
    lines: orders.map((line) => ({
      lineId: line.oid,
      itemId: line.item_id ?? '',
      skuId: line.sku_id ?? '',
      outerId: line.outer_sku_id || line.outer_item_id || '',
      title: line.title,
      quantity: line.num,
      priceFen: youzanUnits.yuanToFen(line.price, 'price'),
      refund: refundOf(line.oid),
    })),
    raw,
  };
}

export function parseRefund(raw: unknown): RefundNotice {
  const r = parseShape(refundSchema, raw, '有赞', '退款');
  return {
    orderId: r.tid,
    lineId: r.oid ?? '',
    refundId: r.refund_id,
    state: refundStatusOf(r.status),
    amountFen: youzanUnits.yuanToFen(r.refund_fee, 'refund_fee'),
    updatedAt: youzanUnits.parseGmt8(r.modified, 'modified'),
    raw,
  };
}

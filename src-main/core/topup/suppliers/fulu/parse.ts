// 福禄 `result` JSON → KeyDesk's supplier shapes. Money comes in 元 (number or text) and is read digit by
// digit into 分; times are Beijing `yyyy-MM-dd HH:mm:ss`. Card keys are decrypted here and nowhere else.
import { z } from 'zod';
import { ChannelError, parseShape } from '../../../channels/errors.js';
import { unitsFor } from '../../../channels/units.js';
import type { SupplierCard, SupplierGoods, SupplierOrderInfo, SupplierOrderState } from '../types.js';
import { decryptCardText } from './crypto.js';
import { TITLE } from './errors.js';

const units = unitsFor({ platform: TITLE, signedYuan: false, strictTime: false });

const id = z.union([z.string(), z.number()]).transform(String);
const int = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const yuan = z.union([z.number(), z.string()]);
const optionalText = z.string().nullish().transform((v) => v ?? '');

const userSchema = z.object({ balance: yuan, name: optionalText, user_id: id.optional() });

const goodsSchema = z.object({
  product_id: id,
  product_name: z.string(),
  face_value: yuan.nullish(),
  purchase_price: yuan,
  product_type: z.string(),
  sales_status: optionalText,
  stock_status: optionalText,
});

const cardSchema = z.object({ card_number: optionalText, card_pwd: z.string(), card_deadline: optionalText });

const orderSchema = z.object({
  order_id: id,
  customer_order_no: z.string(),
  product_id: id,
  charge_account: optionalText,
  buy_num: int,
  order_price: yuan.nullish(),
  order_state: z.string(),
  refund_state: optionalText,
  dispute_state: optionalText,
  evidence: optionalText,
  operator_serial_number: optionalText,
  finish_time: optionalText,
  recharge_description: optionalText,
  cards: z.array(cardSchema).nullish(),
});

const cardStatusSchema = z.object({
  status: z.enum(['unused', 'redeemed', 'invalid']),
  redeemed_time: optionalText,
});

/**
 * `order_state` (+ the sandbox's `refund_state` / `dispute_state`) → SupplierOrderState; undefined for a
 * value we do not know. `untreated` (not picked up yet) is processing. A failure that does not say its
 * money came back counts as not refunded: the owner is asked to check rather than told it is fine.
 */
export function orderStateOf(orderState: string, refundState = '', disputeState = ''): SupplierOrderState | undefined {
  switch (orderState) {
    case 'success':
      return disputeState === 'disputed' ? 'success_disputed' : 'success';
    case 'processing':
    case 'untreated':
      return 'processing';
    case 'failed':
      return refundState === 'refunded' ? 'failed_refunded' : 'failed_not_refunded';
    default:
      return undefined;
  }
}

function stateOrThrow(orderState: string, refundState: string, disputeState: string): SupplierOrderState {
  const state = orderStateOf(orderState, refundState, disputeState);
  if (!state) throw new ChannelError('bad_response', `福禄返回了不认识的订单状态：${orderState}`, { platformMessage: orderState });
  return state;
}

export function toBalance(raw: unknown): { balanceFen: number; name: string } {
  const u = parseShape(userSchema, raw, TITLE, '账户');
  return { balanceFen: units.yuanToFen(u.balance, 'balance'), name: u.name };
}

/** `product_type` 直充 / 卡密; on sale when 上架 and not 断货 (absent statuses count as selling). */
export function toGoods(raw: unknown): SupplierGoods {
  const g = parseShape(goodsSchema, raw, TITLE, '商品');
  const kind = g.product_type === '直充' ? 'direct' : g.product_type === '卡密' ? 'card' : undefined;
  if (!kind) throw new ChannelError('bad_response', `福禄返回了不认识的商品类型：${g.product_type}`);
  return {
    productId: g.product_id,
    name: g.product_name,
    priceFen: units.yuanToFen(g.purchase_price, 'purchase_price'),
    kind,
    faceValueFen: g.face_value === null || g.face_value === undefined || g.face_value === '' ? null : units.yuanToFen(g.face_value, 'face_value'),
    onSale: (g.sales_status === '' || g.sales_status === '上架') && g.stock_status !== '断货',
  };
}

/** What an add reply says: the supplier's order id and where it stands (processing when it does not say). */
export function toPlacedOrder(raw: unknown): { supplierOrderId: string; state: SupplierOrderState } {
  const r = parseShape(z.object({ order_id: id, order_state: optionalText, refund_state: optionalText, dispute_state: optionalText }), raw, TITLE, '下单结果');
  return { supplierOrderId: r.order_id, state: r.order_state === '' ? 'processing' : stateOrThrow(r.order_state, r.refund_state, r.dispute_state) };
}

export interface ParsedOrder {
  info: SupplierOrderInfo;
  productId: string;
  chargeAccount: string;
}

function decryptCards(cards: z.output<typeof cardSchema>[], appSecret: string): SupplierCard[] {
  return cards.map((card, i) => {
    const secret = decryptCardText(card.card_pwd, appSecret);
    const cardNo = card.card_number === '' ? '' : decryptCardText(card.card_number, appSecret);
    // The ciphertext is not put in the message: the owner cannot use it and logs must not carry it.
    if (secret === undefined || cardNo === undefined) {
      throw new ChannelError('bad_response', `福禄返回的第 ${i + 1} 张卡密无法解密（AppSecret 不对或数据损坏）`);
    }
    return { cardNo: cardNo === '' ? null : cardNo, secret, expiresAt: units.optionalGmt8(card.card_deadline, 'card_deadline') };
  });
}

/** info.get result → order info; card keys decrypted once the order succeeded. */
export function toOrder(raw: unknown, appSecret: string): ParsedOrder {
  const o = parseShape(orderSchema, raw, TITLE, '订单');
  const state = stateOrThrow(o.order_state, o.refund_state, o.dispute_state);
  const delivered = state === 'success' || state === 'success_disputed';
  const unitFen = o.order_price === null || o.order_price === undefined || o.order_price === '' ? null : units.yuanToFen(o.order_price, 'order_price');
  return {
    productId: o.product_id,
    chargeAccount: o.charge_account,
    info: {
      customerOrderNo: o.customer_order_no,
      supplierOrderId: o.order_id,
      state,
      costFen: unitFen === null ? null : unitFen * o.buy_num,
      finishedAt: state === 'processing' ? null : units.optionalGmt8(o.finish_time, 'finish_time'),
      description: o.recharge_description,
      evidence: o.evidence || o.operator_serial_number || null,
      cards: delivered ? decryptCards(o.cards ?? [], appSecret) : [],
    },
  };
}

export function toCardStatus(raw: unknown): { status: 'unused' | 'redeemed' | 'invalid'; redeemedAt: number | null } {
  const s = parseShape(cardStatusSchema, raw, TITLE, '卡密状态');
  return { status: s.status, redeemedAt: units.optionalGmt8(s.redeemed_time, 'redeemed_time') };
}

// 抖店 JSON → KeyDesk's normalised shapes. Money is already integer 分, times are Unix seconds.
// Int64 ids: order ids come as strings; product_id comes as a (lossy) number, so product_id_str wins.
import { z } from 'zod';
import { ChannelError } from '../errors.js';
import type { OrderStatus, PlatformOrder, PlatformOrderLine, RefundNotice, RefundState } from '../types.js';
import { fromUnixSeconds } from '../units.js';

const int = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);
const id = z.union([z.string(), z.number()]).transform(String);

const skuOrderSchema = z.object({
  order_id: id,
  product_id: id.optional(),
  product_id_str: z.string().optional(),
  sku_id: id.optional(),
  out_sku_id: z.string().nullish(),
  code: z.string().nullish(),
  product_name: z.string().nullish(),
  item_num: int,
  origin_amount: int.optional(),
  goods_price: int.optional(),
  sum_amount: int.optional(),
  after_sale_info: z.object({ after_sale_status: int.optional(), refund_status: int.optional() }).nullish(),
  account_list: z
    .object({ account_info: z.array(z.object({ account_id: z.string().nullish() })).nullish() })
    .nullish(),
});

const shopOrderSchema = z.object({
  order_id: id,
  order_status: int,
  pay_time: int.optional(),
  update_time: int,
  pay_amount: int,
  doudian_open_id: z.string().nullish(),
  buyer_words: z.string().nullish(),
  shop_order_tag_ui: z.array(z.object({ key: z.string(), text: z.string().nullish() })).nullish(),
  sku_order_list: z.array(skuOrderSchema),
});

const afterSaleSchema = z.object({
  aftersale_info: z.object({
    aftersale_id: id,
    aftersale_status: int,
    refund_status: int.optional(),
    related_id: id.optional(),
    refund_amount: int.optional(),
    update_time: int,
  }),
  order_info: z.object({
    shop_order_id: id,
    related_order_info: z.array(z.object({ sku_order_id: id })).nullish(),
  }),
});

/** 1 unpaid · 105 paid · 2 to ship · 101 part shipped (rest still owed) · 3 shipped · 4 cancelled · 5 done. */
export function orderStatusOf(code: number): OrderStatus {
  switch (code) {
    case 105:
    case 2:
    case 101:
      return 'paid';
    case 3:
      return 'shipped';
    case 5:
      return 'done';
    case 4:
      return 'closed';
    default:
      // 1 and any status we do not know: never a reason to deliver.
      return 'unpaid';
  }
}

const REFUNDED = new Set([12, 51, 53]);
const NO_REFUND = new Set([0, 27, 28, 29]);

/** after_sale_status 12 / 51 / 53 or refund_status 3 → refunded; 0 / refused / failed → none; else open. */
export function refundStateOf(afterSaleStatus: number, refundStatus: number): RefundState {
  if (REFUNDED.has(afterSaleStatus) || refundStatus === 3) return 'refunded';
  if (NO_REFUND.has(afterSaleStatus)) return 'none';
  return 'requested';
}

function badShape(what: string, err: z.ZodError): ChannelError {
  const where = err.issues[0]?.path.join('.') ?? '';
  return new ChannelError('bad_response', `抖店返回的${what}格式不对（${where || '整体'}）`, { platformMessage: err.message.slice(0, 200) });
}

function toLine(raw: z.infer<typeof skuOrderSchema>): PlatformOrderLine {
  const qty = raw.item_num;
  const unit = raw.origin_amount ?? raw.goods_price ?? (raw.sum_amount !== undefined && qty > 0 ? Math.round(raw.sum_amount / qty) : 0);
  const account = raw.account_list?.account_info?.find((a) => a.account_id)?.account_id;
  const info = raw.after_sale_info;
  return {
    lineId: raw.order_id,
    itemId: raw.product_id_str ?? raw.product_id ?? '',
    skuId: raw.sku_id ?? '',
    outerId: raw.out_sku_id || raw.code || '',
    title: raw.product_name ?? '',
    quantity: qty,
    priceFen: unit,
    refund: refundStateOf(info?.after_sale_status ?? 0, info?.refund_status ?? 0),
    ...(account ? { rechargeAccount: account } : {}),
  };
}

/** One shop order (searchList row or orderDetail's shop_order_detail). */
export function toPlatformOrder(raw: unknown): PlatformOrder {
  const parsed = shopOrderSchema.safeParse(raw);
  if (!parsed.success) throw badShape('订单', parsed.error);
  const o = parsed.data;
  // Sandbox and real 风控 tags alike: any shop-order tag keyed risk… marks a platform risk flag.
  const risk = [...new Set((o.shop_order_tag_ui ?? []).filter((t) => t.key.startsWith('risk')).map((t) => t.text || t.key))];
  return {
    orderId: o.order_id,
    status: orderStatusOf(o.order_status),
    platformStatus: String(o.order_status),
    amountFen: o.pay_amount,
    paidAt: o.pay_time ? fromUnixSeconds(o.pay_time) : null,
    updatedAt: fromUnixSeconds(o.update_time),
    buyer: o.doudian_open_id ? { id: o.doudian_open_id } : {},
    ...(o.buyer_words ? { buyerMessage: o.buyer_words } : {}),
    lines: o.sku_order_list.map(toLine),
    ...(risk.length > 0 ? { riskFlags: risk } : {}),
    raw,
  };
}

export function toRefundNotice(raw: unknown): RefundNotice {
  const parsed = afterSaleSchema.safeParse(raw);
  if (!parsed.success) throw badShape('售后单', parsed.error);
  const { aftersale_info: a, order_info: o } = parsed.data;
  return {
    orderId: o.shop_order_id,
    lineId: a.related_id ?? o.related_order_info?.[0]?.sku_order_id ?? '',
    refundId: a.aftersale_id,
    state: refundStateOf(a.aftersale_status, a.refund_status ?? 0),
    amountFen: a.refund_amount ?? 0,
    updatedAt: fromUnixSeconds(a.update_time),
    raw,
  };
}

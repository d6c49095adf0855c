// Store orders in 拼多多's field names and units: 元 strings (goods_price a JSON number), Beijing-time
// strings, order_status / refund_status / confirm_status / after_sales_status codes.
import type { SimLine, SimOrder } from '../store.js';
import { formatBeijing, yuan } from '../units.js';
import { VIRTUAL_LOGISTICS_ID } from './protocol.js';

type Json = Record<string, unknown>;

const lineTotal = (l: SimLine) => l.priceFen * l.quantity;

/** 1 none · 2 after-sales open · 3 refunding (part refunded) · 4 refunded. */
export function refundStatus(o: SimOrder): number {
  if (o.lines.every((l) => l.refund === 'refunded')) return 4;
  if (o.lines.some((l) => l.refund === 'requested')) return 2;
  if (o.lines.some((l) => l.refund === 'refunded')) return 3;
  return 1;
}

/** 0 none · 2 buyer asked, waiting for the seller · 10 refunded. */
export function afterSalesStatus(refund: SimLine['refund']): number {
  return refund === 'refunded' ? 10 : refund === 'requested' ? 2 : 0;
}

/** 1 to ship · 2 shipped · 3 received. */
export function orderStatus(o: SimOrder): number {
  if (o.status === 'done') return 3;
  if (o.status === 'shipped' || o.lines.some((l) => l.shippedAt !== null)) return 2;
  return 1;
}

/** 0 not concluded (unpaid) · 1 concluded · 2 cancelled. */
export function confirmStatus(o: SimOrder): number {
  if (o.status === 'unpaid') return 0;
  if (o.status === 'closed' && refundStatus(o) !== 4) return 2;
  return 1;
}

export function orderJson(o: SimOrder): Json {
  const amount = yuan(o.lines.reduce((sum, l) => sum + lineTotal(l), 0));
  const shippedAt = o.lines.find((l) => l.shippedAt !== null)?.shippedAt ?? null;
  return {
    order_sn: o.orderId,
    confirm_status: confirmStatus(o),
    order_status: orderStatus(o),
    refund_status: refundStatus(o),
    after_sales_status: afterSalesStatus(o.lines.find((l) => l.refund !== 'none')?.refund ?? 'none'),
    trade_type: 0,
    is_lucky_flag: 1,
    group_status: 1,
    risk_control_status: o.riskFlags.length > 0 ? 1 : 0,
    pay_amount: amount,
    goods_amount: amount,
    discount_amount: '0.00',
    platform_discount: '0.00',
    seller_discount: '0.00',
    postage: '0.00',
    created_time: formatBeijing(o.createdAt),
    confirm_time: o.paidAt === null ? '' : formatBeijing(o.paidAt),
    pay_time: o.paidAt === null ? '' : formatBeijing(o.paidAt),
    shipping_time: shippedAt === null ? '' : formatBeijing(shippedAt),
    updated_at: formatBeijing(o.updatedAt),
    buyer_memo: o.buyerMessage,
    remark: '',
    logistics_id: shippedAt === null ? 0 : VIRTUAL_LOGISTICS_ID,
    tracking_number: shippedAt === null ? '' : o.orderId,
    // Receiver data comes encrypted from the real gateway; the sandbox keeps the same opaque shape.
    receiver_name: '~AgAAAAsandbox~',
    receiver_phone: '~AgAAAAsandbox~',
    receiver_address: '~AgAAAAsandbox~',
    item_list: o.lines.map((l) => ({
      goods_id: Number(l.itemId),
      sku_id: Number(l.skuId),
      outer_id: l.outerId,
      outer_goods_id: l.outerId,
      goods_name: l.title,
      goods_spec: '',
      goods_price: l.priceFen / 100,
      goods_count: l.quantity,
    })),
  };
}

/** One after-sales row per line with a refund, as `pdd.refund.list.increment.get` lists them. */
export function refundRows(o: SimOrder): Json[] {
  const orderAmount = yuan(o.lines.reduce((sum, l) => sum + lineTotal(l), 0));
  return o.lines.flatMap((l, index) =>
    l.refund === 'none'
      ? []
      : [
          {
            // Stable per order line, digits like the real after-sales ids.
            id: Number(`${o.orderId.replace(/\D/g, '').slice(-13)}${index}`),
            order_sn: o.orderId,
            after_sales_type: 2,
            after_sales_status: afterSalesStatus(l.refund),
            after_sale_reason: '不想要了',
            goods_id: Number(l.itemId),
            sku_id: l.skuId,
            goods_name: l.title,
            goods_number: String(l.quantity),
            goods_price: yuan(l.priceFen),
            outer_id: l.outerId,
            outer_goods_id: l.outerId,
            order_amount: orderAmount,
            discount_amount: '0.00',
            refund_amount: yuan(lineTotal(l)),
            created_time: formatBeijing(o.createdAt),
            updated_time: formatBeijing(o.updatedAt),
            tracking_number: '',
          },
        ],
  );
}

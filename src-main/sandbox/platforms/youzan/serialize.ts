// Store orders in 有赞's field names and units: 元 strings, Beijing time strings, 有赞 status codes,
// `refund_state` integers on the order and `refund_order[]` entries per refunded line.
import type { SimLine, SimOrder, SimShop } from '../store.js';
import { formatBeijing, yuan } from '../units.js';

const lineFen = (line: SimLine): number => line.priceFen * line.quantity;

export function tradeStatus(order: SimOrder): string {
  switch (order.status) {
    case 'unpaid':
      return 'WAIT_BUYER_PAY';
    case 'paid':
      return 'WAIT_SELLER_SEND_GOODS';
    case 'shipped':
      return 'WAIT_BUYER_CONFIRM_GOODS';
    case 'done':
      return 'TRADE_SUCCESS';
    case 'closed':
      return 'TRADE_CLOSED';
  }
}

/** order_info.refund_state: 0 none · 1 partial in progress · 2 partial done · 11 full in progress · 12 full done. */
export function orderRefundState(order: SimOrder): number {
  const n = order.lines.length;
  const refunded = order.lines.filter((l) => l.refund === 'refunded').length;
  const requested = order.lines.filter((l) => l.refund === 'requested').length;
  if (refunded === n) return 12;
  if (requested === n) return 11;
  if (refunded > 0) return 2;
  return requested > 0 ? 1 : 0;
}

/** refund_order[].refund_state: 1 waiting for the seller to agree … 60 refunded. */
const REFUND_ORDER_STATE = { requested: 1, refunded: 60 } as const;
/** youzan.trade.refund.search status. */
export const REFUND_STATUS = { requested: 'WAIT_SELLER_AGREE', refunded: 'SUCCESS' } as const;

/**
 * One entry of `full_order_info_list`, shaped like youzan.trade.get's `data`. Sandbox choice: list entries
 * carry `refund_order` and `delivery_order` too, so per-line refunds are visible without a second call.
 * Items are ordinary goods (item_type 0) shipped "无需物流": 有赞's own virtual types (182/183) skip the
 * to-ship state altogether, which card-key sellers cannot use.
 */
export function tradeJson(order: SimOrder, shop: SimShop, refundIdFor: (lineId: string) => string): Record<string, unknown> {
  const total = order.lines.reduce((sum, l) => sum + lineFen(l), 0);
  const shipped = order.lines.filter((l) => l.shippedAt !== null);
  const refunds = order.lines.filter((l) => l.refund !== 'none');
  return {
    full_order_info: {
      order_info: {
        tid: order.orderId,
        node_kdt_id: Number(shop.shopId),
        status: tradeStatus(order),
        type: 0,
        express_type: 9,
        created: formatBeijing(order.createdAt),
        update_time: formatBeijing(order.updatedAt),
        ...(order.paidAt !== null && { pay_time: formatBeijing(order.paidAt) }),
        ...(shipped[0] && { consign_time: formatBeijing(shipped[0].shippedAt!) }),
        refund_state: orderRefundState(order),
        order_tags: { is_virtual: false, is_refund: refunds.length > 0 },
      },
      buyer_info: { yz_open_id: order.buyer.id, ...(order.buyer.phone && { buyer_phone: order.buyer.phone }) },
      pay_info: { total_fee: yuan(total), post_fee: '0.00', payment: yuan(total), real_payment: yuan(total) },
      remark_info: { buyer_message: order.buyerMessage },
      orders: order.lines.map((l) => ({
        oid: l.lineId,
        item_id: Number(l.itemId),
        sku_id: Number(l.skuId),
        title: l.title,
        num: l.quantity,
        price: yuan(l.priceFen),
        total_fee: yuan(lineFen(l)),
        payment: yuan(lineFen(l)),
        outer_item_id: l.outerId,
        outer_sku_id: l.outerId,
        item_type: 0,
      })),
    },
    refund_order: refunds.map((l) => ({
      refund_id: refundIdFor(l.lineId),
      refund_type: 1,
      refund_state: REFUND_ORDER_STATE[l.refund as 'requested' | 'refunded'],
      refund_fee: yuan(lineFen(l)),
      oids: [{ oid: l.lineId }],
    })),
    delivery_order: shipped.map((l) => ({ express_state: 1, express_type: 1, oids: [{ oid: l.lineId }] })),
  };
}

export function refundJson(order: SimOrder, line: SimLine, refundId: string, shop: SimShop): Record<string, unknown> {
  return {
    refund_id: refundId,
    tid: order.orderId,
    oid: line.lineId,
    kdt_id: Number(shop.shopId),
    status: REFUND_STATUS[line.refund as 'requested' | 'refunded'],
    refund_fee: yuan(lineFen(line)),
    return_goods: false,
    reason: 0,
    created: formatBeijing(order.updatedAt),
    modified: formatBeijing(order.updatedAt),
  };
}

// Store orders in TOP's field names and units: 元 strings, Beijing time strings, TOP status codes and
// int64 ids (with the `_str` twins TOP added for clients that cannot read int64).
import type { SimLine, SimOrder, SimShop } from '../store.js';
import { formatBeijing, yuan } from '../units.js';
import { int64 } from './protocol.js';

export type TopTradeStatus =
  | 'WAIT_BUYER_PAY'
  | 'WAIT_SELLER_SEND_GOODS'
  | 'SELLER_CONSIGNED_PART'
  | 'WAIT_BUYER_CONFIRM_GOODS'
  | 'TRADE_FINISHED'
  | 'TRADE_CLOSED'
  | 'TRADE_CLOSED_BY_TAOBAO';

export function tradeStatus(order: SimOrder): TopTradeStatus {
  switch (order.status) {
    case 'unpaid':
      return 'WAIT_BUYER_PAY';
    case 'paid':
      return order.lines.some((l) => l.shippedAt !== null) ? 'SELLER_CONSIGNED_PART' : 'WAIT_SELLER_SEND_GOODS';
    case 'shipped':
      return 'WAIT_BUYER_CONFIRM_GOODS';
    case 'done':
      return 'TRADE_FINISHED';
    case 'closed':
      // Closed before payment is the platform's timeout close; after payment it is a refund close.
      return order.paidAt === null ? 'TRADE_CLOSED_BY_TAOBAO' : 'TRADE_CLOSED';
  }
}

const REFUND_STATUS = { none: 'NO_REFUND', requested: 'WAIT_SELLER_AGREE', refunded: 'SUCCESS' } as const;

function lineStatus(order: SimOrder, line: SimLine): string {
  if (line.refund === 'refunded') return 'TRADE_CLOSED';
  if (line.shippedAt !== null) return order.status === 'done' ? 'TRADE_FINISHED' : 'WAIT_BUYER_CONFIRM_GOODS';
  const status = tradeStatus(order);
  return status === 'SELLER_CONSIGNED_PART' ? 'WAIT_SELLER_SEND_GOODS' : status;
}

const lineFen = (line: SimLine): number => line.priceFen * line.quantity;

function orderLineJson(order: SimOrder, line: SimLine): Record<string, unknown> {
  return {
    oid: int64(line.lineId),
    oid_str: line.lineId,
    num_iid: int64(line.itemId),
    sku_id: line.skuId,
    outer_iid: line.outerId,
    outer_sku_id: line.outerId,
    title: line.title,
    num: line.quantity,
    price: yuan(line.priceFen),
    total_fee: yuan(lineFen(line)),
    payment: yuan(lineFen(line)),
    status: lineStatus(order, line),
    refund_status: REFUND_STATUS[line.refund],
    ...(line.shippedAt !== null && { consign_time: formatBeijing(line.shippedAt) }),
  };
}

export function tradeJson(order: SimOrder, shop: SimShop): Record<string, unknown> {
  const total = order.lines.reduce((sum, l) => sum + lineFen(l), 0);
  const firstShipped = order.lines.map((l) => l.shippedAt).find((at) => at !== null);
  return {
    tid: int64(order.orderId),
    tid_str: order.orderId,
    status: tradeStatus(order),
    type: 'fixed',
    shipping_type: 'virtual',
    seller_nick: shop.name,
    buyer_nick: order.buyer.nick,
    buyer_open_uid: order.buyer.id,
    ...(order.buyerMessage && { buyer_message: order.buyerMessage }),
    num: order.lines.reduce((sum, l) => sum + l.quantity, 0),
    total_fee: yuan(total),
    post_fee: '0.00',
    payment: yuan(total),
    created: formatBeijing(order.createdAt),
    modified: formatBeijing(order.updatedAt),
    ...(order.paidAt !== null && { pay_time: formatBeijing(order.paidAt) }),
    ...(firstShipped != null && { consign_time: formatBeijing(firstShipped) }),
    orders: { order: order.lines.map((line) => orderLineJson(order, line)) },
  };
}

export function refundJson(order: SimOrder, line: SimLine, refundId: string, shop: SimShop): Record<string, unknown> {
  return {
    refund_id: int64(refundId),
    tid: int64(order.orderId),
    oid: int64(line.lineId),
    status: REFUND_STATUS[line.refund],
    title: line.title,
    num: line.quantity,
    total_fee: yuan(lineFen(line)),
    payment: yuan(lineFen(line)),
    refund_fee: yuan(lineFen(line)),
    has_good_return: false,
    buyer_nick: order.buyer.nick,
    seller_nick: shop.name,
    order_status: tradeStatus(order),
    created: formatBeijing(order.updatedAt),
    modified: formatBeijing(order.updatedAt),
  };
}

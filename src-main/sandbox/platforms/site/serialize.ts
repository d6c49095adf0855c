// Store orders in the 独立站 protocol's JSON (PROTOCOL.md "订单 JSON"): amounts in 分, times in Unix ms.
import type { SimLine, SimOrder } from '../store.js';

export function siteStatus(order: SimOrder): string {
  switch (order.status) {
    case 'unpaid':
      return 'pending';
    case 'paid':
      return 'paid';
    case 'shipped':
      return 'delivered';
    case 'done':
      return 'completed';
    case 'closed':
      return 'closed';
  }
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

function siteLine(line: SimLine): Record<string, unknown> {
  return {
    id: line.lineId,
    product_id: line.itemId,
    sku_id: line.skuId,
    outer_id: line.outerId,
    title: line.title,
    quantity: line.quantity,
    unit_price: line.priceFen,
    refund_status: line.refund,
    recharge_account: orNull(line.rechargeAccount),
    delivered_at: line.shippedAt,
  };
}

export function siteOrder(order: SimOrder): Record<string, unknown> {
  const b = order.buyer;
  return {
    id: order.orderId,
    status: siteStatus(order),
    currency: 'CNY',
    amount: order.lines.reduce((sum, l) => sum + l.priceFen * l.quantity, 0),
    created_at: order.createdAt,
    paid_at: order.paidAt,
    updated_at: order.updatedAt,
    buyer: {
      id: b.id,
      name: b.nick,
      email: orNull(b.email),
      phone: orNull(b.phone),
      ip: orNull(b.ip),
      device_id: orNull(b.deviceId),
      region: orNull(b.region),
    },
    note: order.buyerMessage,
    risk_flags: [...order.riskFlags],
    lines: order.lines.map(siteLine),
  };
}

/** One refund record per refunding / refunded line. */
export function siteRefunds(order: SimOrder): Record<string, unknown>[] {
  return order.lines
    .filter((l) => l.refund !== 'none')
    .map((l) => ({
      id: `RF${l.lineId}`,
      order_id: order.orderId,
      line_id: l.lineId,
      status: l.refund,
      amount: l.priceFen * l.quantity,
      updated_at: order.updatedAt,
    }));
}

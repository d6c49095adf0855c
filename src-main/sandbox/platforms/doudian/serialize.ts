// Store orders in 抖店's own shape: 分 integers, Unix seconds, numeric status codes, int64 ids the way
// the real API sends them (product_id as a lossy JSON number next to product_id_str).
import type { SimLine, SimOrder, SimShop } from '../store.js';

const sec = (ms: number | null): number => (ms === null ? 0 : Math.floor(ms / 1000));

/** 1 unpaid · 2 to ship · 101 part shipped · 3 shipped · 4 cancelled · 5 done. */
export function orderStatus(order: SimOrder): number {
  switch (order.status) {
    case 'unpaid':
      return 1;
    case 'paid':
      return order.lines.some((l) => l.shippedAt !== null) ? 101 : 2;
    case 'shipped':
      return 3;
    case 'done':
      return 5;
    case 'closed':
      return 4;
  }
}

const STATUS_DESC: Record<number, string> = { 1: '待支付', 2: '备货中', 101: '部分发货', 3: '已发货', 4: '已取消', 5: '已完成' };

function lineStatus(order: SimOrder, line: SimLine): number {
  if (line.refund === 'refunded') return 4;
  if (line.shippedAt !== null) return order.status === 'done' ? 5 : 3;
  return order.status === 'unpaid' ? 1 : order.status === 'closed' ? 4 : 2;
}

/** after_sale_status 0 none · 6 requested · 12 succeeded; refund_status 0 none · 1 pending · 3 refunded. */
function afterSaleInfo(line: SimLine): { after_sale_status: number; after_sale_type: number; refund_status: number } {
  if (line.refund === 'refunded') return { after_sale_status: 12, after_sale_type: 2, refund_status: 3 };
  if (line.refund === 'requested') return { after_sale_status: 6, after_sale_type: 2, refund_status: 1 };
  return { after_sale_status: 0, after_sale_type: 0, refund_status: 0 };
}

function skuOrder(order: SimOrder, line: SimLine): Record<string, unknown> {
  const status = lineStatus(order, line);
  return {
    order_id: line.lineId,
    parent_order_id: order.orderId,
    order_status: status,
    order_status_desc: STATUS_DESC[status] ?? '',
    order_type: 2,
    goods_type: 1,
    product_id: Number(line.itemId),
    product_id_str: line.itemId,
    product_name: line.title,
    sku_id: Number(line.skuId),
    out_sku_id: line.outerId,
    code: line.outerId,
    item_num: line.quantity,
    goods_price: line.priceFen,
    origin_amount: line.priceFen,
    sum_amount: line.priceFen * line.quantity,
    pay_amount: line.priceFen * line.quantity,
    order_amount: line.priceFen * line.quantity,
    pay_time: sec(order.paidAt),
    create_time: sec(order.createdAt),
    update_time: sec(order.updatedAt),
    ship_time: sec(line.shippedAt),
    after_sale_info: afterSaleInfo(line),
    account_list: line.rechargeAccount
      ? { account_info: [{ account_name: '充值账号', account_type: accountType(line.rechargeAccount), account_id: line.rechargeAccount }] }
      : { account_info: [] },
  };
}

function accountType(account: string): string {
  if (/^1\d{10}$/.test(account)) return 'Mobile';
  if (account.includes('@')) return 'Email';
  return /^\d+$/.test(account) ? 'Number' : 'NumberLetter';
}

export function shopOrder(order: SimOrder, shop: SimShop): Record<string, unknown> {
  const amount = order.lines.reduce((sum, l) => sum + l.priceFen * l.quantity, 0);
  const status = orderStatus(order);
  return {
    order_id: order.orderId,
    shop_id: Number(shop.shopId),
    shop_name: shop.name,
    order_status: status,
    order_status_desc: STATUS_DESC[status] ?? '',
    order_type: 2,
    order_type_desc: '虚拟商品订单',
    biz: 11,
    pay_type: 1,
    create_time: sec(order.createdAt),
    pay_time: sec(order.paidAt),
    update_time: sec(order.updatedAt),
    finish_time: order.status === 'done' ? sec(order.updatedAt) : 0,
    order_amount: amount,
    pay_amount: amount,
    post_amount: 0,
    buyer_words: order.buyerMessage,
    seller_words: '',
    doudian_open_id: order.buyer.id,
    // Encrypted in the real API; the sandbox gives the masked form only.
    mask_post_tel: order.buyer.phone ? `${order.buyer.phone.slice(0, 3)}****${order.buyer.phone.slice(-4)}` : '',
    // Sandbox convention: the store's risk flags show as shop order tags keyed `risk_control` (the real
    // platform marks 风控审核中 orders with such a tag; KeyDesk reads every tag whose key starts with `risk`).
    shop_order_tag_ui: order.riskFlags.map((f) => ({ key: 'risk_control', text: f, help_doc: '' })),
    sku_order_list: order.lines.map((l) => skuOrder(order, l)),
  };
}

/** One afterSale.List item per refunding / refunded line. */
export function afterSaleItem(order: SimOrder, line: SimLine, aftersaleId: string): Record<string, unknown> {
  const info = afterSaleInfo(line);
  const amount = line.priceFen * line.quantity;
  return {
    aftersale_info: {
      aftersale_id: aftersaleId,
      aftersale_order_type: 1,
      aftersale_type: 2,
      aftersale_status: info.after_sale_status,
      refund_status: info.refund_status,
      related_id: line.lineId,
      apply_time: sec(order.updatedAt),
      update_time: sec(order.updatedAt),
      refund_amount: amount,
      aftersale_num: line.quantity,
    },
    order_info: {
      shop_order_id: order.orderId,
      related_order_info: [
        {
          sku_order_id: line.lineId,
          order_status: lineStatus(order, line),
          pay_amount: amount,
          item_num: line.quantity,
          product_name: line.title,
          product_id: Number(line.itemId),
        },
      ],
    },
  };
}

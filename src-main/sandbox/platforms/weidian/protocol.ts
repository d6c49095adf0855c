// The simulated 微店 gateway's protocol pieces: the `{result, status:{status_code,status_reason}}` envelope,
// its status codes, and order JSON in 微店's names.
// Written independently of the adapter on purpose.
import type { SimResponse } from '../../types.js';
import type { SimLine, SimOrder } from '../store.js';
import { formatBeijing, yuan } from '../units.js';

/**
 * Status codes. 10013/10016/10026 (token) are the ones public ERP code reacts to; the others are this
 * sandbox's choice where 微店 publishes none (mirrored in the adapter's errors.ts).
 */
export const WD = {
  busy: [10001, '系统繁忙'],
  param: [10002, '参数错误'],
  noMethod: [10003, '接口不存在'],
  badApp: [10004, 'appkey或secret错误'],
  tokenInvalid: [10013, 'access_token无效'],
  tokenExpired: [10016, 'access_token已过期'],
  limited: [10020, '调用过于频繁'],
  tokenMissing: [10026, '缺少access_token'],
  orderMissing: [40001, '订单不存在'],
  alreadyShipped: [40002, '订单已发货，不能重复发货'],
  cannotShip: [40003, '订单当前状态不能发货'],
} as const satisfies Record<string, readonly [number, string]>;

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 30;
export const MAX_WINDOW_MS = 31 * 86_400_000;
export const HISTORY_MS = 90 * 86_400_000;
export const EXPRESS_NONE = 999;

export const ORDER_TYPES = ['unpay', 'unship', 'shiped', 'refunding', 'finish', 'close', 'all'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export class WdFail extends Error {
  constructor(
    readonly error: readonly [number, string],
    readonly reason?: string,
  ) {
    super(reason ?? error[1]);
  }
}

export function ok(result: unknown): SimResponse {
  return { status: 200, body: { result, status: { status_code: 0, status_reason: 'success' } } };
}

export function fail([code, text]: readonly [number, string], reason?: string): SimResponse {
  return { status: 200, body: { result: null, status: { status_code: code, status_reason: reason ?? text } } };
}

/** 10 unpaid · 20 paid · 30 shipped · 31 part shipped · 50 done · 60 closed. */
export function statusOri(o: SimOrder): number {
  if (o.status === 'unpaid') return 10;
  if (o.status === 'closed') return 60;
  if (o.status === 'done') return 50;
  if (o.status === 'shipped') return 30;
  return o.lines.some((l) => l.shippedAt !== null) ? 31 : 20;
}

const STATUS_TEXT: Record<number, string> = { 10: 'unpay', 20: 'pay', 30: 'ship', 31: 'ship', 50: 'finish', 60: 'close' };

/** 0 none · 1 refunding (open, or part refunded) · 2 refunded. */
export function refundOri(o: SimOrder): number {
  if (o.lines.every((l) => l.refund === 'refunded')) return 2;
  return o.lines.some((l) => l.refund !== 'none') ? 1 : 0;
}

export function matchesType(o: SimOrder, type: OrderType): boolean {
  switch (type) {
    case 'all':
      return true;
    case 'unpay':
      return statusOri(o) === 10;
    case 'unship':
      return statusOri(o) === 20;
    case 'shiped':
      return statusOri(o) === 30 || statusOri(o) === 31;
    case 'finish':
      return statusOri(o) === 50;
    case 'close':
      return statusOri(o) === 60;
    case 'refunding':
      return o.status !== 'closed' && o.lines.some((l) => l.refund !== 'none');
  }
}

const lineTotal = (l: SimLine) => l.priceFen * l.quantity;

export function orderJson(o: SimOrder): Record<string, unknown> {
  const total = yuan(o.lines.reduce((sum, l) => sum + lineTotal(l), 0));
  const ori = statusOri(o);
  const shipped = o.lines.some((l) => l.shippedAt !== null);
  return {
    order_id: o.orderId,
    status_ori: ori,
    status: STATUS_TEXT[ori],
    refund_status_ori: refundOri(o),
    total,
    price: total,
    express_fee: '0.00',
    add_time: formatBeijing(o.createdAt),
    pay_time: o.paidAt === null ? '' : formatBeijing(o.paidAt),
    update_time: formatBeijing(o.updatedAt),
    note: o.buyerMessage,
    user_phone: o.buyer.phone ?? '',
    buyer_info: { buyer_id: o.buyer.id, name: o.buyer.nick, phone: o.buyer.phone ?? '', address: '' },
    express_type: shipped ? EXPRESS_NONE : null,
    express_no: '',
    items: o.lines.map((l, index) => ({
      item_id: l.itemId,
      item_name: l.title,
      sku_id: l.skuId,
      sku_title: '',
      merchant_code: l.outerId,
      sku_merchant_code: l.outerId,
      quantity: l.quantity,
      price: yuan(l.priceFen),
      total_price: yuan(lineTotal(l)),
      ...(l.refund !== 'none' && {
        refund_info: {
          refund_no: `${o.orderId}${String(index + 1).padStart(2, '0')}`,
          refund_status: l.refund === 'refunded' ? '10' : '1',
          refund_fee: yuan(lineTotal(l)),
          refund_time: formatBeijing(o.updatedAt),
        },
      }),
    })),
  };
}

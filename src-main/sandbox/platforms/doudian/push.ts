// 抖店 message push: a JSON array of `{tag, msg_id, data}` where `data` is itself a JSON string, signed
// with `event-sign` = md5(app_key + raw body + app_secret). Ids inside `data` are bare int64 numbers, as
// the real push sends them, so a receiver that JSON.parses them naively loses digits.
import { randomDigits, type SimLine, type SimOrder, type SimShop, type StoreEvent } from '../store.js';
import { pushSign } from './gateway.js';

export interface PushMessage {
  tag: string;
  msg_id: string;
  data: string;
}

const sec = (ms: number | null): number => (ms === null ? 0 : Math.floor(ms / 1000));

/** JSON text with the named keys' digit strings written as bare numbers (int64 ids). */
function int64Json(obj: Record<string, unknown>, keys: string[]): string {
  let text = JSON.stringify(obj);
  for (const key of keys) {
    text = text
      .replace(new RegExp(`"${key}":"(\\d+)"`), `"${key}":$1`)
      .replace(new RegExp(`"${key}":\\[([^\\]]*)\\]`), (_m, inner: string) => `"${key}":[${inner.replace(/"/g, '')}]`);
  }
  return text;
}

const message = (tag: string, data: Record<string, unknown>): PushMessage => ({
  tag,
  msg_id: `7${randomDigits(18)}`,
  data: int64Json(data, ['p_id', 's_ids', 's_id', 'shop_id', 'aftersale_id']),
});

/**
 * Messages for one store event: 100 created, 101 paid, 106 cancelled, 200 after-sales requested,
 * 206 refund succeeded (one per affected line). Shipping events are not pushed.
 */
export function messagesFor(event: StoreEvent, aftersaleIdOf: (line: SimLine) => string): PushMessage[] {
  const o: SimOrder = event.order;
  const base = { p_id: o.orderId, s_ids: o.lines.map((l) => l.lineId), shop_id: o.shopId, order_type: 2, biz: 11 };
  const amount = o.lines.reduce((sum, l) => sum + l.priceFen * l.quantity, 0);
  switch (event.kind) {
    case 'created':
      return [message('100', { ...base, order_status: 1, create_time: sec(o.createdAt) })];
    case 'paid':
      return [message('101', { ...base, order_status: 2, pay_type: 1, pay_time: sec(o.paidAt), pay_amount: amount, update_time: sec(o.updatedAt) })];
    case 'closed':
      return [message('106', { ...base, order_status: 4, cancel_time: sec(o.updatedAt), cancel_reason: '订单关闭' })];
    case 'refund': {
      const lines = event.lineId ? o.lines.filter((l) => l.lineId === event.lineId) : o.lines;
      return lines
        .filter((l) => l.refund !== 'none')
        .map((l) => {
          const done = l.refund === 'refunded';
          return message(done ? '206' : '200', {
            aftersale_id: aftersaleIdOf(l),
            p_id: o.orderId,
            s_id: l.lineId,
            shop_id: o.shopId,
            aftersale_status: done ? 12 : 6,
            aftersale_type: 2,
            refund_amount: l.priceFen * l.quantity,
            apply_time: sec(o.updatedAt),
            update_time: sec(o.updatedAt),
          });
        });
    }
    case 'shipped':
      return [];
  }
}

export function signedPush(shop: SimShop, messages: PushMessage[]): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify(messages);
  return {
    headers: { 'content-type': 'application/json', 'app-id': shop.appKey, 'event-sign': pushSign(shop.appKey, body, shop.appSecret) },
    body,
  };
}

// 有赞 push, as form fields: client_id, type, status, msg (URL-encoded JSON), kdt_id, kdt_name, id, version
// (message time, ms), mode, test, sendCount and sign = MD5(client_id + msg + client_secret), where msg is
// the URL-encoded text exactly as sent. The receiver must answer {"code":0,"msg":"success"}.
import { createHash } from 'node:crypto';
import { postPush, type SimShop, type StoreEvent } from '../store.js';
import { formatBeijing } from '../units.js';
import { REFUND_STATUS, tradeStatus } from './serialize.js';

export type YouzanPush = Record<string, string>;

export function signYouzanPush(clientId: string, msg: string, clientSecret: string): string {
  return createHash('md5').update(clientId + msg + clientSecret, 'utf8').digest('hex');
}

export function youzanPushes(event: StoreEvent, shop: SimShop, now: number, refundIdFor: (lineId: string) => string): YouzanPush[] {
  const { order } = event;
  const form = (type: string, status: string, content: Record<string, unknown>): YouzanPush => {
    const msg = encodeURIComponent(JSON.stringify({ ...content, update_time: formatBeijing(now) }));
    return {
      client_id: shop.appKey,
      kdt_id: shop.shopId,
      kdt_name: shop.name,
      id: order.orderId,
      type,
      status,
      msg,
      version: String(now),
      mode: '1',
      test: 'false',
      sendCount: '0',
      sign: signYouzanPush(shop.appKey, msg, shop.appSecret),
    };
  };
  switch (event.kind) {
    case 'paid':
    case 'closed':
      return [form('TRADE_ORDER_STATE', tradeStatus(order), { tid: order.orderId, status: tradeStatus(order) })];
    case 'refund':
      return order.lines
        .filter((l) => (event.lineId === undefined || l.lineId === event.lineId) && l.refund !== 'none')
        .map((l) => {
          const status = REFUND_STATUS[l.refund as 'requested' | 'refunded'];
          return form('TRADE_ORDER_REFUND', status, { tid: order.orderId, oid: l.lineId, refund_id: refundIdFor(l.lineId), status });
        });
    default:
      return [];
  }
}

/** Fire and forget: a lost push is found by the poller anyway. */
export function sendYouzanPush(shop: SimShop, push: YouzanPush): void {
  if (!shop.pushUrl) return;
  void postPush(shop.pushUrl, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(push).toString() });
}

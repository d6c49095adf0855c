// TMC-style push for the 淘宝 simulator. Real TMC delivers over an authenticated long connection; a plain
// HTTP POST needs its own proof of origin, so the sandbox signs each message:
//   header `x-top-sign` = upper-case hex HMAC-SHA256(appSecret, raw body)   (sandbox convention)
// Body: one message `{id, topic, pub_time, user_nick, content}`, `content` a JSON string as in TMC.
import { createHmac } from 'node:crypto';
import { postPush, type SimOrder, type SimShop, type StoreEvent } from '../store.js';
import { formatBeijing, yuan } from '../units.js';
import { int64, int64Json } from './protocol.js';
import { tradeStatus } from './serialize.js';

export interface TmcMessage {
  id: number;
  topic: string;
  pub_time: string;
  user_nick: string;
  content: string;
}

const orderFen = (order: SimOrder): number => order.lines.reduce((sum, l) => sum + l.priceFen * l.quantity, 0);

/** The messages one store event produces (a refund of several lines is one message per line, as in TMC). */
export function tmcMessages(
  event: StoreEvent,
  shop: SimShop,
  now: number,
  nextId: () => number,
  refundIdFor: (lineId: string) => string,
): TmcMessage[] {
  const { order } = event;
  const envelope = (topic: string, content: Record<string, unknown>): TmcMessage => ({
    id: nextId(),
    topic,
    pub_time: formatBeijing(now),
    user_nick: shop.name,
    content: int64Json(content),
  });
  const trade = (topic: string): TmcMessage =>
    envelope(topic, {
      tid: int64(order.orderId),
      oid: int64(order.lines[0]?.lineId ?? order.orderId),
      buyer_nick: order.buyer.nick,
      seller_nick: shop.name,
      payment: yuan(orderFen(order)),
      status: tradeStatus(order),
      type: 'fixed',
    });
  switch (event.kind) {
    case 'paid':
      return [trade('taobao_trade_TradeBuyerPay')];
    case 'closed':
      return [trade('taobao_trade_TradeClose')];
    case 'refund':
      return order.lines
        .filter((l) => (event.lineId === undefined || l.lineId === event.lineId) && l.refund !== 'none')
        .map((l) =>
          envelope(l.refund === 'refunded' ? 'taobao_refund_RefundSuccess' : 'taobao_refund_RefundCreated', {
            refund_id: int64(refundIdFor(l.lineId)),
            tid: int64(order.orderId),
            oid: int64(l.lineId),
            buyer_nick: order.buyer.nick,
            seller_nick: shop.name,
            refund_fee: yuan(l.priceFen * l.quantity),
            refund_phase: 'onsale',
          }),
        );
    default:
      return [];
  }
}

export function signTmc(body: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(body, 'utf8').digest('hex').toUpperCase();
}

/** Fire and forget: a lost push is found by the poller anyway. */
export function sendTmc(shop: SimShop, message: TmcMessage): void {
  if (!shop.pushUrl) return;
  const body = JSON.stringify(message);
  void postPush(shop.pushUrl, { headers: { 'content-type': 'application/json; charset=utf-8', 'x-top-sign': signTmc(body, shop.appSecret) }, body });
}

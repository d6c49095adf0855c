// The simulated site's event push to KeyDesk: one JSON event per POST, signed
// `X-KeyDesk-Signature = hex HMAC-SHA256(appSecret, timestamp + "." + rawBody)`.
import { randomHex, type SimShop, type StoreEvent } from '../store.js';
import { pushSignature } from './auth.js';
import { siteOrder } from './serialize.js';

/** The event for a store change, or undefined for changes the site does not announce. */
export function eventFor(event: StoreEvent, now: number, shop: SimShop): Record<string, unknown> | undefined {
  let type: string;
  switch (event.kind) {
    case 'paid':
      type = 'order.paid';
      break;
    case 'closed':
      type = 'order.closed';
      break;
    case 'refund': {
      const lines = event.lineId ? event.order.lines.filter((l) => l.lineId === event.lineId) : event.order.lines;
      type = lines.some((l) => l.refund === 'refunded') ? 'order.refunded' : 'order.refund_requested';
      break;
    }
    case 'created':
    case 'shipped':
      return undefined;
  }
  return {
    event_id: `evt_${randomHex(12)}`,
    type,
    created_at: now,
    app_key: shop.appKey,
    ...(event.lineId ? { line_id: event.lineId } : {}),
    order: siteOrder(event.order),
  };
}

export function signedEvent(shop: SimShop, event: Record<string, unknown>, now: number): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify(event);
  const ts = String(now);
  return {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-keydesk-app-key': shop.appKey,
      'x-keydesk-timestamp': ts,
      'x-keydesk-event-id': String(event.event_id),
      'x-keydesk-signature': pushSignature(shop.appSecret, ts, body),
    },
    body,
  };
}

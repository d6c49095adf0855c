// 独立站 push receiver: timestamp within 5 minutes, HMAC over `timestamp.rawBody` (constant-time),
// then the event JSON. The event id (header and body must agree) is the replay-dedupe key.
import { ChannelError } from '../errors.js';
import type { PushNotice, PushReply, PushRequest, ShopCredentials } from '../types.js';
import { pushHeader, sameHex } from '../verify.js';
import { REPLAY_WINDOW_MS, signPush } from './sign.js';

export function pushKind(type: string): PushNotice['kind'] {
  switch (type) {
    case 'order.paid':
      return 'paid';
    case 'order.refund_requested':
    case 'order.refunded':
      return 'refund';
    case 'order.closed':
      return 'closed';
    default:
      return 'other';
  }
}

export function parseSitePush(creds: ShopCredentials, request: PushRequest, now: number): PushNotice[] {
  const ts = pushHeader(request.headers, 'x-keydesk-timestamp');
  const signature = pushHeader(request.headers, 'x-keydesk-signature');
  const eventId = pushHeader(request.headers, 'x-keydesk-event-id');
  if (!ts || !signature || !eventId) throw new ChannelError('bad_signature', '独立站推送缺少签名请求头');
  if (!/^\d{13}$/.test(ts) || Math.abs(now - Number(ts)) > REPLAY_WINDOW_MS) {
    throw new ChannelError('bad_signature', '独立站推送的时间戳超出 5 分钟（可能是重放，或站点时间不准）');
  }
  if (!sameHex(signature, signPush(creds.appSecret, ts, request.body))) {
    throw new ChannelError('bad_signature', '独立站推送签名不对（密钥不一致，或内容被改过）');
  }
  const appKey = pushHeader(request.headers, 'x-keydesk-app-key');
  if (appKey && appKey !== creds.appKey) throw new ChannelError('bad_signature', '独立站推送的 App Key 与店铺不符');
  let event: { event_id?: unknown; type?: unknown; order?: { id?: unknown } } | null;
  try {
    event = JSON.parse(request.body.toString('utf8')) as typeof event;
  } catch {
    throw new ChannelError('bad_request', '独立站推送不是 JSON');
  }
  if (event?.event_id !== eventId) throw new ChannelError('bad_request', '独立站推送的 event_id 与请求头不一致');
  if (typeof event.type !== 'string' || typeof event.order?.id !== 'string' || event.order.id === '') {
    throw new ChannelError('bad_request', '独立站推送缺少 type 或 order.id');
  }
  return [{ orderId: event.order.id, kind: pushKind(event.type), messageId: eventId, raw: event }];
}

export function sitePushAck(): PushReply {
  return { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ code: 0, msg: 'success' }) };
}

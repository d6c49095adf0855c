// 独立站 second verification (PROTOCOL.md §5.6 and §4.1): KeyDesk sends the one-time code to the site with
// a signed pull-style request; the site posts what its buyer typed back, signed like a push.
import { ChannelError } from '../errors.js';
import type { ChannelContext, PushRequest, ShopCredentials } from '../types.js';
import { pushHeader, sameHex } from '../verify.js';
import { siteCall } from './client.js';
import { REPLAY_WINDOW_MS, signPush } from './sign.js';

export interface VerifyCodeEvent {
  orderId: string;
  lineId: string;
  code: string;
  expiresAt: number;
  /** Where the site posts the buyer's code back (absent when KeyDesk has no reachable address). */
  replyUrl?: string | undefined;
  /** Idempotency-Key: the challenge's send reference, so a retried request is recognised. */
  sendRef: string;
}

/** POST /orders/{id}/verify-code. The site shows or mails the code to its buyer and answers {received: true}. */
export async function sendVerifyCode(ctx: ChannelContext, event: VerifyCodeEvent): Promise<void> {
  const data = (await siteCall(
    ctx,
    'POST',
    `/orders/${encodeURIComponent(event.orderId)}/verify-code`,
    {
      type: 'verify_code',
      order_id: event.orderId,
      line_id: event.lineId,
      code: event.code,
      expires_at: event.expiresAt,
      ...(event.replyUrl && { reply_url: event.replyUrl }),
    },
    { 'Idempotency-Key': event.sendRef },
  )) as { received?: unknown } | null;
  if (data?.received !== true) throw new ChannelError('bad_response', '独立站收到验证码后没有回 received: true');
}

export interface VerifyCallback {
  eventId: string;
  orderId: string;
  lineId: string | undefined;
  code: string;
}

/**
 * The buyer's code posted back by the site: the push rules (timestamp within 5 minutes, HMAC over
 * `timestamp.rawBody` compared in constant time, body event_id equal to the header), then the fields.
 */
export function parseVerifyCallback(creds: ShopCredentials, request: PushRequest, now: number): VerifyCallback {
  const ts = pushHeader(request.headers, 'x-keydesk-timestamp');
  const signature = pushHeader(request.headers, 'x-keydesk-signature');
  const eventId = pushHeader(request.headers, 'x-keydesk-event-id');
  if (!ts || !signature || !eventId) throw new ChannelError('bad_signature', '独立站回传验证码缺少签名请求头');
  if (!/^\d{13}$/.test(ts) || Math.abs(now - Number(ts)) > REPLAY_WINDOW_MS) {
    throw new ChannelError('bad_signature', '独立站回传验证码的时间戳超出 5 分钟（可能是重放，或站点时间不准）');
  }
  if (!sameHex(signature, signPush(creds.appSecret, ts, request.body))) {
    throw new ChannelError('bad_signature', '独立站回传验证码的签名不对（密钥不一致，或内容被改过）');
  }
  const appKey = pushHeader(request.headers, 'x-keydesk-app-key');
  if (appKey && appKey !== creds.appKey) throw new ChannelError('bad_signature', '独立站回传验证码的 App Key 与店铺不符');
  let body: { event_id?: unknown; order_id?: unknown; line_id?: unknown; code?: unknown } | null;
  try {
    body = JSON.parse(request.body.toString('utf8')) as typeof body;
  } catch {
    throw new ChannelError('bad_request', '独立站回传验证码不是 JSON');
  }
  if (body?.event_id !== eventId) throw new ChannelError('bad_request', '独立站回传验证码的 event_id 与请求头不一致');
  if (typeof body.order_id !== 'string' || body.order_id === '') throw new ChannelError('bad_request', '独立站回传验证码缺少 order_id');
  if (typeof body.code !== 'string' || !/^\d{4,8}$/.test(body.code)) throw new ChannelError('bad_request', '验证码必须是 4–8 位数字');
  const lineId = typeof body.line_id === 'string' && body.line_id !== '' ? body.line_id : undefined;
  return { eventId, orderId: body.order_id, lineId, code: body.code };
}

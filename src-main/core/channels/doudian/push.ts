// 抖店 message push: verify `event-sign`, then one PushNotice per array entry. The push carries no
// timestamp, so replays are caught by msg_id (the receiver drops ids it has seen).
import { ChannelError } from '../errors.js';
import type { PushNotice, PushReply, PushRequest, ShopCredentials } from '../types.js';
import { pushHeader, sameHex } from '../verify.js';
import { pushSignature } from './sign.js';

/** 100 created · 101 paid · 106 cancelled · 200 after-sales requested · 206 refund succeeded. */
export function pushKind(tag: string): PushNotice['kind'] {
  switch (tag) {
    case '101':
      return 'paid';
    case '106':
      return 'closed';
    case '200':
    case '206':
      return 'refund';
    default:
      return 'other';
  }
}

/** p_id is a bare int64 in the data string: read its digits from the text, never through a JS number. */
export function orderIdFromData(data: string): string {
  const m = /"p_id"\s*:\s*"?(\d+)"?/.exec(data);
  return m?.[1] ?? '';
}

export function parseDoudianPush(creds: ShopCredentials, request: PushRequest): PushNotice[] {
  const sign = pushHeader(request.headers, 'event-sign');
  if (!sign) throw new ChannelError('bad_signature', '抖店推送缺少 event-sign 签名');
  if (!sameHex(sign, pushSignature(creds.appKey, request.body, creds.appSecret))) {
    throw new ChannelError('bad_signature', '抖店推送签名不对（App Key / App Secret 不匹配，或内容被改过）');
  }
  const appId = pushHeader(request.headers, 'app-id');
  if (appId && appId !== creds.appKey) throw new ChannelError('bad_signature', '抖店推送来自另一个应用（app-id 不符）');
  let entries: unknown;
  try {
    entries = JSON.parse(request.body.toString('utf8')) as unknown;
  } catch {
    throw new ChannelError('bad_request', '抖店推送不是 JSON');
  }
  if (!Array.isArray(entries)) throw new ChannelError('bad_request', '抖店推送应是消息数组');
  return entries.map((entry: unknown) => {
    const e = entry as { tag?: unknown; msg_id?: unknown; data?: unknown } | null;
    const tag = typeof e?.tag === 'string' || typeof e?.tag === 'number' ? String(e.tag) : '';
    const msgId = typeof e?.msg_id === 'string' || typeof e?.msg_id === 'number' ? String(e.msg_id) : '';
    if (!tag || !msgId || typeof e?.data !== 'string') throw new ChannelError('bad_request', '抖店推送消息缺少 tag / msg_id / data');
    return { orderId: orderIdFromData(e.data), kind: pushKind(tag), messageId: msgId, raw: entry };
  });
}

export function doudianPushAck(): PushReply {
  return { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ code: 0, msg: 'success' }) };
}

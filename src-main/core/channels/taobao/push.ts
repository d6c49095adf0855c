// 淘宝 push (TMC message shape over HTTP). Real TMC delivers over an authenticated long connection; for
// HTTP delivery KeyDesk uses the sandbox convention of a signed POST:
//   header `x-top-sign` = upper-case hex HMAC-SHA256(App Secret, raw body)
// Body: one message `{id, topic, pub_time, user_nick, content}` or an array of them. A message is only a
// trigger: the order is read back through the API before anything is delivered.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ChannelError } from '../errors.js';
import type { PushNotice, PushReply, PushRequest, ShopCredentials } from '../types.js';
import { pushHeader, sameHex } from '../verify.js';
import { quoteLongIds, taobaoUnits } from './format.js';

/** Older (or further in the future) than this and a message counts as a replay. */
export const PUSH_MAX_AGE_MS = 10 * 60_000;

const id = z.union([z.string(), z.number()]).transform(String);
const messageSchema = z.looseObject({ id, topic: z.string(), pub_time: z.string(), user_nick: z.string().optional(), content: z.string() });
const contentSchema = z.looseObject({ tid: id });

export function signTaobaoPush(body: Buffer | string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(body).digest('hex').toUpperCase();
}

function kindOf(topic: string): PushNotice['kind'] {
  if (topic === 'taobao_trade_TradeBuyerPay') return 'paid';
  if (topic === 'taobao_trade_TradeClose') return 'closed';
  if (topic.startsWith('taobao_refund_')) return 'refund';
  return 'other';
}

function parseJsonOr(text: string, what: string): unknown {
  try {
    return JSON.parse(quoteLongIds(text)) as unknown;
  } catch {
    throw new ChannelError('bad_request', `淘宝推送的${what}不是 JSON`);
  }
}

function toNotice(raw: unknown, creds: ShopCredentials, now: number): PushNotice {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) throw new ChannelError('bad_request', '淘宝推送的格式不对：缺少 id、topic、pub_time 或 content');
  const message = parsed.data;
  let pubTime: number;
  try {
    pubTime = taobaoUnits.parseGmt8(message.pub_time, 'pub_time');
  } catch {
    throw new ChannelError('bad_request', `淘宝推送的时间格式不对：${message.pub_time}`);
  }
  if (Math.abs(now - pubTime) > PUSH_MAX_AGE_MS) {
    throw new ChannelError('bad_signature', `淘宝推送的时间（${message.pub_time}）与现在相差超过 10 分钟，按重放拒绝`);
  }
  if (creds.shopRef && message.user_nick && message.user_nick !== creds.shopRef) {
    throw new ChannelError('bad_request', `这条淘宝推送属于其他店铺（${message.user_nick}）`);
  }
  const content = contentSchema.safeParse(parseJsonOr(message.content, '内容'));
  if (!content.success) throw new ChannelError('bad_request', '淘宝推送的内容里没有订单号（tid）');
  return { orderId: content.data.tid, kind: kindOf(message.topic), messageId: message.id, raw };
}

export function parseTaobaoPush(creds: ShopCredentials, request: PushRequest, now: number): PushNotice[] {
  const given = pushHeader(request.headers, 'x-top-sign');
  if (!given) throw new ChannelError('bad_signature', '淘宝推送没有签名（x-top-sign），已拒绝');
  if (!sameHex(signTaobaoPush(request.body, creds.appSecret), given)) {
    throw new ChannelError('bad_signature', '淘宝推送的签名不对（App Secret 不符或内容被改过），已拒绝');
  }
  const body = parseJsonOr(request.body.toString('utf8'), '正文');
  return (Array.isArray(body) ? body : [body]).map((message) => toNotice(message, creds, now));
}

export function taobaoPushAck(): PushReply {
  return { status: 200, contentType: 'application/json; charset=utf-8', body: '{"success":true}' };
}

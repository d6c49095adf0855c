// 有赞 push: fields client_id, type, status, msg (URL-encoded JSON), kdt_id, id, version, sign, sent as a
// form (the sandbox) or a JSON object (有赞云's newer pushes). sign = MD5(client_id + msg + client_secret)
// over msg exactly as received, still URL-encoded. The fields carry no signed send time, so there is no
// staleness check: a replayed message is dropped by its messageId and is only a trigger anyway (the
// order is read back through the API before anything is delivered).
import { createHash } from 'node:crypto';
import { ChannelError } from '../errors.js';
import type { PushNotice, PushReply, PushRequest, ShopCredentials } from '../types.js';
import { sameHex } from '../verify.js';

export function signYouzanPush(clientId: string, msg: string, clientSecret: string): string {
  return createHash('md5').update(clientId + msg + clientSecret, 'utf8').digest('hex');
}

function fieldsOf(body: Buffer): Record<string, string> {
  const text = body.toString('utf8').trim();
  if (!text.startsWith('{')) return Object.fromEntries(new URLSearchParams(text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ChannelError('bad_request', '有赞推送的正文不是合法 JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ChannelError('bad_request', '有赞推送的正文不是对象');
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

function kindOf(type: string, status: string): PushNotice['kind'] {
  if (type === 'TRADE_ORDER_REFUND' || /refund/i.test(type)) return 'refund';
  if (type === 'trade_TradeBuyerPay' || (type === 'TRADE_ORDER_STATE' && status === 'WAIT_SELLER_SEND_GOODS')) return 'paid';
  if (type === 'trade_TradeClose' || (type === 'TRADE_ORDER_STATE' && status === 'TRADE_CLOSED')) return 'closed';
  return 'other';
}

export function parseYouzanPush(creds: ShopCredentials, request: PushRequest, _now: number): PushNotice[] {
  const fields = fieldsOf(request.body);
  const { client_id: clientId, msg, sign } = fields;
  if (!clientId || msg === undefined || !sign) throw new ChannelError('bad_request', '有赞推送缺少 client_id、msg 或 sign');
  if (clientId !== creds.appKey || !sameHex(signYouzanPush(clientId, msg, creds.appSecret), sign)) {
    throw new ChannelError('bad_signature', '有赞推送的签名不对（client_secret 不符或内容被改过），已拒绝');
  }
  if (creds.shopRef && fields.kdt_id && fields.kdt_id !== creds.shopRef) {
    throw new ChannelError('bad_request', `这条有赞推送属于其他店铺（${fields.kdt_id}）`);
  }
  let content: unknown;
  try {
    content = JSON.parse(decodeURIComponent(msg));
  } catch {
    throw new ChannelError('bad_request', '有赞推送的 msg 不是 URL 编码的 JSON');
  }
  const tid = typeof content === 'object' && content !== null && 'tid' in content ? String(content.tid) : fields.id;
  if (!tid) throw new ChannelError('bad_request', '有赞推送里没有订单号（tid）');
  const type = fields.type ?? '';
  const status = fields.status ?? '';
  return [{ orderId: tid, kind: kindOf(type, status), messageId: `${type}:${status}:${tid}:${fields.version ?? sign}`, raw: { ...fields, msg: content } }];
}

export function youzanPushAck(): PushReply {
  return { status: 200, contentType: 'application/json; charset=utf-8', body: '{"code":0,"msg":"success"}' };
}

// 福禄 order callbacks: a POST whose fields are signed like a request (the object without `sign`, JSON
// serialised, characters sorted, + secret, md5). The sandbox sends JSON; a form-encoded body is read the
// same way (every value a string). A callback is only a trigger: the desk re-reads the order, so a replay
// does no harm and needs no timestamp check.
import { ChannelError } from '../../../channels/errors.js';
import { isObject, text } from '../../../channels/json.js';
import type { PushReply, PushRequest } from '../../../channels/types.js';
import { sameHex } from '../../../channels/verify.js';
import type { SupplierCallback, SupplierCredentials } from '../types.js';
import { orderStateOf } from './parse.js';
import { signParams } from './sign.js';

function fieldsOf(body: Buffer): Record<string, unknown> {
  const raw = body.toString('utf8').trim();
  if (raw === '') throw new ChannelError('bad_request', '福禄回调内容为空');
  if (raw.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw) as unknown;
    } catch {
      throw new ChannelError('bad_request', '福禄回调不是有效的 JSON');
    }
    if (!isObject(parsed)) throw new ChannelError('bad_request', '福禄回调应是 JSON 对象');
    return parsed;
  }
  const form = new URLSearchParams(raw);
  const fields = Object.fromEntries(form.entries());
  if (!('sign' in fields) && !('customer_order_no' in fields)) throw new ChannelError('bad_request', '福禄回调既不是 JSON 也不是表单');
  return fields;
}

export function parseFuluCallback(creds: SupplierCredentials, request: PushRequest): SupplierCallback {
  const fields = fieldsOf(request.body);
  const sign = text(fields.sign);
  if (!sign) throw new ChannelError('bad_signature', '福禄回调缺少签名（sign）');
  if (!sameHex(sign, signParams(fields, creds.appSecret))) {
    throw new ChannelError('bad_signature', '福禄回调签名不对（AppSecret 不匹配，或内容被改过），已拒收');
  }
  const customerOrderNo = text(fields.customer_order_no);
  const supplierOrderId = text(fields.order_id);
  const status = text(fields.order_status);
  const state = orderStateOf(status, text(fields.refund_state), text(fields.dispute_state));
  if (!customerOrderNo || !supplierOrderId) throw new ChannelError('bad_request', '福禄回调缺少 customer_order_no 或 order_id');
  if (!state) throw new ChannelError('bad_request', `福禄回调的订单状态不认识：${status || '（空）'}`);
  return { customerOrderNo, supplierOrderId, state, raw: fields };
}

/** 福禄 stops repeating a callback once it reads plain `success`. */
export function fuluCallbackAck(): PushReply {
  return { status: 200, contentType: 'text/plain; charset=utf-8', body: 'success' };
}

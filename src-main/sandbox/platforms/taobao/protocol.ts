// 淘宝 TOP wire details as the sandbox gateway checks them: signatures, error bodies and int64 ids (GMT+8
// times are in ../units.ts). Written apart from core/channels/taobao on purpose: two independent
// implementations of the same rules catch each other's bugs, so nothing here may be imported by the
// adapter or vice versa.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { SimResponse } from '../../types.js';

export const SIGN_METHODS = ['md5', 'hmac', 'hmac-sha256'] as const;
export type SignMethod = (typeof SIGN_METHODS)[number];

export const isSignMethod = (value: string): value is SignMethod => (SIGN_METHODS as readonly string[]).includes(value);

/** TOP rule: every parameter but `sign` and empty values, keys in ASCII order, `k1v1k2v2…`, upper-case hex. */
export function expectedSign(params: Record<string, string>, secret: string, method: SignMethod): string {
  const joined = Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== '')
    .sort()
    .reduce((acc, key) => acc + key + params[key], '');
  const digest =
    method === 'md5'
      ? createHash('md5').update(`${secret}${joined}${secret}`, 'utf8')
      : createHmac(method === 'hmac' ? 'md5' : 'sha256', secret).update(joined, 'utf8');
  return digest.digest('hex').toUpperCase();
}

/** `{"error_response":{…}}` in HTTP 200, the way the TOP gateway reports every failure. */
export function topError(code: number, msg: string, sub?: { code: string; msg: string }): SimResponse {
  return {
    status: 200,
    body: {
      error_response: {
        code,
        msg,
        ...(sub && { sub_code: sub.code, sub_msg: sub.msg }),
        request_id: randomBytes(6).toString('hex'),
      },
    },
  };
}

export const invalidArgument = (field: string, why: string): SimResponse =>
  topError(41, 'Invalid arguments', { code: 'isv.invalid-parameter', msg: `${field}：${why}` });

export const missingArgument = (field: string): SimResponse =>
  topError(40, `Missing required arguments:${field}`, { code: 'isv.missing-parameter', msg: `缺少必填参数 ${field}` });

// TOP writes tid/oid/refund_id as bare JSON int64 numbers (beyond 2^53), so a client that parses them
// as doubles silently corrupts ids. The sandbox reproduces that: values wrapped by `int64()` are written
// unquoted.
const INT64_MARK = '~int64~';
export const int64 = (digits: string): string => `${INT64_MARK}${digits}`;

export function int64Json(value: unknown): string {
  return JSON.stringify(value).replace(new RegExp(`"${INT64_MARK}(\\d+)"`, 'g'), '$1');
}

export function topJson(body: object): SimResponse {
  return { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: int64Json(body) };
}

// 阿里云 POP (RPC style) request signing, signature version 1.0, as Dysmsapi SendSms expects it. Pure
// functions; the test vector from Aliyun's SMS documentation pins them (tests/unit/verify/aliyun-sign.test.ts).
import { createHmac } from 'node:crypto';

/**
 * RFC 3986 percent-encoding of the UTF-8 bytes, the way the gateway canonicalises: only A–Z a–z 0–9
 * `-` `_` `.` `~` stay as they are, hex is upper-case. (Aliyun describes it as Java's URLEncoder with
 * `+` → `%20`, `*` → `%2A`, `%7E` → `~`; encodeURIComponent leaves `! ' ( ) *` alone, so they are escaped here.)
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `k=v&k=v` over every parameter except Signature, sorted by name (code-unit order, like Java's TreeMap). */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
}

/** `METHOD&%2F&percentEncode(canonical query)`. */
export function stringToSign(method: 'GET' | 'POST', params: Record<string, string>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

/** base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)). */
export function popSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign(method, params), 'utf8').digest('base64');
}

/** ISO 8601 UTC to the second, the only form the gateway accepts: 2017-07-12T02:42:19Z. */
export function popTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface SendSmsInput {
  accessKeyId: string;
  phone: string;
  signName: string;
  templateCode: string;
  /** Template variables, e.g. {code: "123456"}; sent as a JSON string. */
  templateParam: Record<string, string>;
  /** Our reference for this send (the challenge's send_ref), echoed in delivery receipts. */
  outId: string;
  nonce: string;
  now: number;
}

/** Every SendSms parameter, Signature included, ready to be form-encoded. */
export function signedSendSmsParams(input: SendSmsInput, accessKeySecret: string): Record<string, string> {
  const params: Record<string, string> = {
    Action: 'SendSms',
    Version: '2017-05-25',
    Format: 'JSON',
    AccessKeyId: input.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: input.nonce,
    Timestamp: popTimestamp(input.now),
    RegionId: 'cn-hangzhou',
    PhoneNumbers: input.phone,
    SignName: input.signName,
    TemplateCode: input.templateCode,
    TemplateParam: JSON.stringify(input.templateParam),
    OutId: input.outId,
  };
  return { ...params, Signature: popSignature('POST', params, accessKeySecret) };
}

/** application/x-www-form-urlencoded body with the same encoding the signature used. */
export function formBody(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
}

// The 阿里云短信 (Dysmsapi) gateway's rules as the simulator enforces them: POP signature v1.0, common
// parameters, error replies. Written here on purpose and never imported from the adapter
// (core/risk/verify/aliyun-sign.ts): two independent implementations catch each other's mistakes.
import { createHmac, randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../types.js';

export const HOST_ID = 'dysmsapi.aliyuncs.com';
/** The gateway refuses a Timestamp further than this from its clock, and remembers nonces this long. */
export const TIMESTAMP_SKEW_MS = 15 * 60_000;

/** Byte-wise RFC 3986 encoding: unreserved ASCII stays, every other UTF-8 byte becomes %XX (upper-case). */
export function popEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const unreserved =
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x2d || byte === 0x2e || byte === 0x5f || byte === 0x7e;
    out += unreserved ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** What the gateway computes for a request: HMAC-SHA1(secret + "&", METHOD&%2F&enc(sorted k=v&…)), base64. */
export function expectedSignature(method: string, params: Map<string, string>, secret: string): string {
  const names = [...params.keys()].filter((k) => k !== 'Signature');
  names.sort();
  const canonical = names.map((k) => `${popEncode(k)}=${popEncode(params.get(k) ?? '')}`).join('&');
  const toSign = [method.toUpperCase(), popEncode('/'), popEncode(canonical)].join('&');
  return createHmac('sha1', `${secret}&`).update(toSign, 'utf8').digest('base64');
}

/** The request's parameters: query string plus a form-encoded body (a POST), the body winning. */
export function readParams(req: SimRequest): Map<string, string> {
  const params = new Map<string, string>();
  for (const [k, v] of req.query) params.set(k, v);
  if (req.body.length > 0) for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.set(k, v);
  return params;
}

/** `2017-07-12T02:42:19Z` only (UTC, whole seconds); undefined for anything else. */
export function parsePopTimestamp(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}

/** A POP-level refusal (authentication, parameters): an HTTP error status and the gateway's own JSON. */
export class PopFail extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PopFail';
  }
}

export function popError(status: number, code: string, message: string): SimResponse {
  return { status, body: { RequestId: randomUUID().toUpperCase(), HostId: HOST_ID, Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}` } };
}

/** Business replies (OK or isv.*) are HTTP 200 with Code / Message. */
export function bizReply(code: string, message: string, extra: Record<string, string> = {}): SimResponse {
  return { status: 200, body: { RequestId: randomUUID().toUpperCase(), Code: code, Message: message, ...extra } };
}

const COMMON = ['Action', 'Version', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp'] as const;

export interface PopCall {
  params: Map<string, string>;
  accessKeyId: string;
}

/**
 * Checks one request in the gateway's order: common parameters present, signature method and version,
 * AccessKeyId known, Timestamp format and ±15 min, Signature, nonce not used before, Action and Version.
 * Throws PopFail. `useNonce` records a nonce and answers whether it had been used already.
 */
export function readPopCall(
  req: SimRequest,
  secretOf: (accessKeyId: string) => string | undefined,
  now: number,
  useNonce: (nonce: string) => boolean,
): PopCall {
  const params = readParams(req);
  for (const name of COMMON) if (!params.get(name)) throw new PopFail(400, `Missing${name}`, `${name} is mandatory for this action.`);
  if (params.get('SignatureMethod') !== 'HMAC-SHA1') throw new PopFail(400, 'InvalidSignatureMethod', 'Specified signature method is not supported.');
  if (params.get('SignatureVersion') !== '1.0') throw new PopFail(400, 'InvalidSignatureVersion', 'Specified signature version is not supported.');
  const accessKeyId = params.get('AccessKeyId')!;
  const secret = secretOf(accessKeyId);
  if (secret === undefined) throw new PopFail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  const at = parsePopTimestamp(params.get('Timestamp')!);
  if (at === undefined) throw new PopFail(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
  if (Math.abs(now - at) > TIMESTAMP_SKEW_MS) throw new PopFail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  if (params.get('Signature') !== expectedSignature(req.method, params, secret)) {
    throw new PopFail(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
  }
  if (useNonce(params.get('SignatureNonce')!)) throw new PopFail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  if (params.get('Action') !== 'SendSms') throw new PopFail(404, 'InvalidAction.NotFound', `Specified api is not found, please check your url and method.`);
  if (params.get('Version') !== '2017-05-25') throw new PopFail(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
  return { params, accessKeyId };
}

// 抖店 request and push signatures. Pure functions: unit-tested against vectors built by hand.
import { createHash, createHmac } from 'node:crypto';

/** param_json: object keys sorted at every depth, arrays in order, no HTML escaping (JSON.stringify never escapes). */
export function paramJson(params: unknown): string {
  return JSON.stringify(sortKeys(params ?? {}));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(obj).sort()) if (obj[key] !== undefined) out[key] = sortKeys(obj[key]);
    return out;
  }
  return value;
}

export interface SignInput {
  appKey: string;
  method: string;
  paramJson: string;
  /** Unix seconds, as sent in the query. */
  timestamp: string;
}

/** hex(HMAC-SHA256(secret, secret + "app_key"… + "method"… + "param_json"… + "timestamp"… + "v2" + secret)). */
export function signRequest(secret: string, input: SignInput): string {
  const s = `${secret}app_key${input.appKey}method${input.method}param_json${input.paramJson}timestamp${input.timestamp}v2${secret}`;
  return createHmac('sha256', secret).update(s, 'utf8').digest('hex');
}

/** Push `event-sign`: md5(app_key + raw body + app_secret), lower-case hex. */
export function pushSignature(appKey: string, rawBody: Buffer, secret: string): string {
  return createHash('md5').update(Buffer.concat([Buffer.from(appKey, 'utf8'), rawBody, Buffer.from(secret, 'utf8')])).digest('hex');
}

// The two group-bot signatures. Both are HMAC-SHA256 over a string made of the timestamp and the secret,
// but the platforms put the pieces in different places — keep them apart, they are easy to mix up.
import { createHmac } from 'node:crypto';

/**
 * 钉钉 加签: key = secret, message = `${timestampMs}\n${secret}`, Base64; sent url-encoded in the query
 * (`&timestamp=…&sign=…`). Returns the Base64 text; URLSearchParams does the encoding.
 */
export function dingtalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/**
 * 飞书 签名校验: key = `${timestampSeconds}\n${secret}`, message = empty, Base64; sent in the JSON body
 * next to `timestamp` (seconds, as a string).
 */
export function feishuSign(timestampSeconds: number, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

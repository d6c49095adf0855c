// 独立站 protocol signatures (PROTOCOL.md). Pure functions, unit-tested against hand-built vectors.
import { createHmac } from 'node:crypto';

export const HEADERS = {
  appKey: 'X-KeyDesk-App-Key',
  timestamp: 'X-KeyDesk-Timestamp',
  eventId: 'X-KeyDesk-Event-Id',
  signature: 'X-KeyDesk-Signature',
} as const;

/** Pushes and pulls are both refused when their timestamp is further than this from the receiver's clock. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

const hmacHex = (secret: string, parts: Buffer[]): string => createHmac('sha256', secret).update(Buffer.concat(parts)).digest('hex');

/** Push (site → KeyDesk): hex HMAC-SHA256(appSecret, timestamp + "." + rawBody). */
export function signPush(secret: string, timestamp: string, rawBody: Buffer): string {
  return hmacHex(secret, [Buffer.from(`${timestamp}.`, 'utf8'), rawBody]);
}

/**
 * Pull (KeyDesk → site): hex HMAC-SHA256(appSecret, timestamp \n eventId \n METHOD \n target \n rawBody),
 * `target` = path below the API root plus `?query` exactly as sent. Binding method and target stops a
 * captured GET signature from being reused for another URL.
 */
export function signRequest(secret: string, input: { timestamp: string; eventId: string; method: string; target: string; body: string }): string {
  return hmacHex(secret, [Buffer.from(`${input.timestamp}\n${input.eventId}\n${input.method}\n${input.target}\n${input.body}`, 'utf8')]);
}

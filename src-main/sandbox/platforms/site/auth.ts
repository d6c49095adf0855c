// How the simulated merchant site checks KeyDesk's signed pull requests (PROTOCOL.md, "拉取接口签名").
// Written independently of the adapter's signer on purpose.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SandboxError } from '../../http.js';
import type { SimRequest } from '../../types.js';
import type { PlatformStore, SimShop } from '../store.js';

export const REPLAY_WINDOW_MS = 5 * 60_000;

function one(req: SimRequest, name: string): string {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

/** HMAC-SHA256 hex of `timestamp \n event id \n METHOD \n target \n raw body`. */
export function requestSignature(secret: string, ts: string, eventId: string, method: string, target: string, body: Buffer): string {
  const head = Buffer.from(`${ts}\n${eventId}\n${method}\n${target}\n`, 'utf8');
  return createHmac('sha256', secret).update(Buffer.concat([head, body])).digest('hex');
}

/** Push signature: HMAC-SHA256 hex of `timestamp + "." + raw body`. */
export function pushSignature(secret: string, ts: string, body: string): string {
  return createHmac('sha256', secret).update(`${ts}.${body}`, 'utf8').digest('hex');
}

/** The request target as signed: the path below the API root, plus `?query` when there is one. */
export function targetOf(req: SimRequest): string {
  const q = req.query.toString();
  return q ? `${req.path}?${q}` : req.path;
}

const unauthorized = (code: string, message: string) => new SandboxError(401, code, message);

/**
 * Identifies the shop by X-KeyDesk-App-Key and verifies timestamp (±5 min), signature and that the
 * event id was not used before inside the window (a replayed request is refused).
 */
export function authenticate(req: SimRequest, store: PlatformStore, now: number, seen: Map<string, number>): SimShop {
  const appKey = one(req, 'x-keydesk-app-key');
  const ts = one(req, 'x-keydesk-timestamp');
  const eventId = one(req, 'x-keydesk-event-id');
  const signature = one(req, 'x-keydesk-signature');
  if (!appKey || !ts || !eventId || !signature) {
    throw unauthorized('missing_auth', '缺少签名请求头（X-KeyDesk-App-Key / Timestamp / Event-Id / Signature）');
  }
  const shop = store.shopByAppKey(appKey);
  if (!shop) throw unauthorized('unknown_key', 'App Key 不存在');
  if (!/^\d{13}$/.test(ts) || Math.abs(now - Number(ts)) > REPLAY_WINDOW_MS) {
    throw unauthorized('stale_timestamp', '请求时间戳无效或与站点时间相差超过 5 分钟');
  }
  const expected = Buffer.from(requestSignature(shop.appSecret, ts, eventId, req.method, targetOf(req), req.body), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthorized('bad_signature', '签名校验失败');
  // Insertion order is arrival order: drop expired ids from the front, stop at the first fresh one, so a
  // bench sending thousands of requests a second never scans the whole map.
  for (const [id, at] of seen) {
    if (at >= now - 2 * REPLAY_WINDOW_MS) break;
    seen.delete(id);
  }
  const key = `${shop.shopId}:${eventId}`;
  if (seen.has(key)) throw unauthorized('replayed_request', '这个 Event-Id 已经用过（重放的请求）');
  seen.set(key, now);
  return shop;
}

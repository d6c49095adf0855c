import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { errorBody, KeyDeskError, type ErrorCode, type Envelope } from '../../../src-shared/contract/index.js';

/** Headers every response carries: no framing, no sniffing, no referrer leaking the token. */
export const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  VAULT_WEAK_PASSPHRASE: 400,
  BODY_TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  FORBIDDEN_SENDER: 403,
  VAULT_LOCKED: 423,
  VAULT_NOT_SET_UP: 409,
  VAULT_ALREADY_SET_UP: 409,
  // 401 is kept for a missing token; a mistyped passphrase is a bad request the page handles itself.
  VAULT_WRONG_PASSPHRASE: 400,
  VAULT_WRONG_RECOVERY_KEY: 400,
  INTERNAL: 500,
};

export function statusFor(envelope: Envelope<unknown>): number {
  return envelope.ok ? 200 : (STATUS[envelope.error.code] ?? 422);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export function sendError(res: ServerResponse, code: ErrorCode, details?: unknown): void {
  const envelope = { ok: false as const, error: errorBody(code, details) };
  sendJson(res, statusFor(envelope), envelope);
}

export function tokenMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads a JSON body, stopping as soon as it passes `limit` so an oversized upload costs nothing. */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new KeyDeskError('BODY_TOO_LARGE', { limitBytes: limit }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new KeyDeskError('BODY_TOO_LARGE', { limitBytes: limit }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new KeyDeskError('INVALID_INPUT', { reason: '请求不是合法的 JSON' }));
      }
    });
    req.on('error', reject);
  });
}

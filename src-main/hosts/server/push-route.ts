// POST /push/<platform>/<shopId>: where platforms (and the merchant's own site) push orders. No token —
// a platform cannot know it — so the platform's own signature, checked by its adapter, is the gate.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../../core/index.js';
import { receiveSupplierCallback } from '../../core/topup/supplier-callback.js';

export const PUSH_PATH = /^\/push\/([a-z]+)\/(\d+)$/;
export const SUPPLIER_CALLBACK_PATH = /^\/supplier-callback\/(\d+)$/;
export const SITE_VERIFY_PATH = /^\/site-verify\/(\d+)$/;
const PUSH_BODY_LIMIT = 2 * 1024 * 1024;

function readRaw(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

export async function receivePush(core: Core, req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray): Promise<void> {
  const json = 'application/json; charset=utf-8';
  if (req.method !== 'POST') return reply(res, 405, json, JSON.stringify({ code: 405, msg: '只接受 POST' }));
  const body = await readRaw(req, PUSH_BODY_LIMIT);
  if (!body) return reply(res, 413, json, JSON.stringify({ code: 413, msg: '推送内容过大' }));
  // Locked: credentials cannot be read to check the signature. Not acknowledged, so the platform retries.
  if (!core.services.vault.unlocked) return reply(res, 503, json, JSON.stringify({ code: 503, msg: '卡密工作台已锁定，请稍后重试' }));
  const answer = await core.services.orders.push.receive(match[1]!, match[2]!, { headers: req.headers, body, query: url.searchParams });
  reply(res, answer.status, answer.contentType, answer.body);
}

/** POST /supplier-callback/<supplierId>: a supplier saying an order finished (re-read before trusting it). */
export async function receiveCallback(core: Core, req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray): Promise<void> {
  const plain = 'text/plain; charset=utf-8';
  if (req.method !== 'POST') return reply(res, 405, plain, 'POST only');
  const body = await readRaw(req, PUSH_BODY_LIMIT);
  if (!body) return reply(res, 413, plain, 'too large');
  if (!core.services.vault.unlocked) return reply(res, 503, plain, 'locked');
  const t = core.services.topup;
  const answer = receiveSupplierCallback(t.suppliers, t.desk, core.services.log, match[1]!, { headers: req.headers, body, query: url.searchParams });
  reply(res, answer.status, answer.contentType, answer.body);
}

/** POST /site-verify/<shopId>: a 独立站 posting back the verification code its buyer typed (signed like a push). */
export async function receiveSiteVerify(core: Core, req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray): Promise<void> {
  const json = 'application/json; charset=utf-8';
  if (req.method !== 'POST') return reply(res, 405, json, JSON.stringify({ code: 405, msg: '只接受 POST' }));
  const body = await readRaw(req, PUSH_BODY_LIMIT);
  if (!body) return reply(res, 413, json, JSON.stringify({ code: 413, msg: '内容过大' }));
  if (!core.services.vault.unlocked) return reply(res, 503, json, JSON.stringify({ code: 503, msg: '卡密工作台已锁定，请稍后重试' }));
  const answer = core.services.risk.verification.receiveSite(match[1]!, { headers: req.headers, body, query: url.searchParams });
  reply(res, answer.status, answer.contentType, answer.body);
}

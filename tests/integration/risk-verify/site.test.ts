// The 独立站 round trip over HTTP: KeyDesk sends the code to the site (signed), the site shows it to its
// buyer, the buyer types it there and the site posts it back to POST /site-verify/<shopId> (signed like a
// push). Forged, stale, replayed or misaddressed callbacks change nothing.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSPHRASE } from '../../helpers/core.js';
import type { LedgerEntry } from '../../helpers/ledger.js';
import { auditOf, captureOrder, holdStatus, lineStatus, startWorld, verifyHold, type World } from './harness.js';

interface SiteCode { orderId: string; lineId: string | null; code: string; expiresAt: number; replyUrl: string | null }
interface Posted { status: number; reply: { code: number; msg: string; passed?: boolean; attempts_left?: number; locked?: boolean; duplicate?: boolean; message?: string }; eventId: string }

// One world for the file (importing keys is the slow part); every test works on an order of its own.
let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world.close());

/** A 独立站 order held by a verify rule: the hook opened the challenge and the code went to the site. */
let buyers = 0;
async function siteChallenge() {
  // A new buyer each time: the shipped rule reviews a 4th order by one buyer within the hour.
  buyers += 1;
  const order = await verifyHold(world, 'site', { phone: `1370000000${buyers}`, email: `buyer${buyers}@example.com` });
  const { codes } = await world.control<{ codes: SiteCode[] }>('site/verifyCodes', { orderId: order.orderId });
  return { ...order, verification: world.core.services.risk.verification, codes };
}

async function deliveries(orderId: string): Promise<number> {
  const ledger = await world.control<LedgerEntry[]>('site/ledger', {});
  return ledger.find((o) => o.orderId === orderId)?.deliveries.length ?? 0;
}

/** Until a released line's keys reached the site: the release and the outbox run after the callback's commit. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 20));
    await world.core.services.orders.outbox.idle();
  }
}

const buyerEnters = (body: Record<string, unknown>) => world.control<Posted>('site/buyerEntersCode', body);
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

function rawCallback(secret: string, appKey: string, body: Record<string, unknown>, at: number) {
  const text = JSON.stringify(body);
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json', 'x-keydesk-app-key': appKey, 'x-keydesk-timestamp': String(at),
      'x-keydesk-event-id': String(body.event_id), 'x-keydesk-signature': createHmac('sha256', secret).update(`${at}.${text}`).digest('hex'),
    },
    body: text,
  };
}

describe('独立站 verification round trip', () => {
  it('the site gets the code with a reply address; the buyer typing it there releases the line, delivered once', async () => {
    const { verification, lineId, orderId, shopId, codes } = await siteChallenge();
    expect(holdStatus(world, lineId)).toBe('open');
    expect(lineStatus(world, lineId)).toBe('held');
    expect(verification.state(lineId)).toMatchObject({ status: 'sent', via: 'site', to: '独立站' });
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatchObject({ orderId, lineId: `${orderId}-1`, replyUrl: `${world.server.url}/site-verify/${shopId}` });
    expect(codes[0]!.expiresAt).toBe(verification.state(lineId)!.expiresAt);

    const wrong = await buyerEnters({ orderId, code: wrongCode(codes[0]!.code) });
    expect(wrong).toMatchObject({ status: 200, reply: { code: 0, passed: false, attempts_left: 4, locked: false, message: '验证码不对，还可以再试 4 次' } });
    const right = await buyerEnters({ orderId, code: codes[0]!.code });
    expect(right).toMatchObject({ status: 200, reply: { code: 0, passed: true, message: '验证通过，卡密马上发出' } });
    await settle();
    expect(holdStatus(world, lineId)).toBe('verified');
    expect(await deliveries(orderId)).toBe(1);

    // The site retrying its callback (same event id), or posting the same code anew: acknowledged, delivered once.
    expect(await buyerEnters({ orderId, code: codes[0]!.code, eventId: right.eventId })).toMatchObject({ status: 200, reply: { duplicate: true } });
    expect(await buyerEnters({ orderId, code: codes[0]!.code })).toMatchObject({ status: 200, reply: { passed: true } });
    await settle();
    expect(await deliveries(orderId)).toBe(1);
    expect(auditOf(world, 'risk.verify.passed', lineId)).toEqual([{ actor: 'buyer', summary: { via: 'site', attempts: 2, sends: 1 } }]);
  });

  it('a forged signature gets 401 and changes nothing; so do stale and unsigned callbacks', async () => {
    const { verification, lineId, orderId, shopId, simShop, codes } = await siteChallenge();
    const before = verification.state(lineId);
    const forged = await buyerEnters({ orderId, code: codes[0]!.code, forge: true });
    expect(forged.status).toBe(401);
    expect(forged.reply.msg).toContain('签名不对');

    const url = `${world.server.url}/site-verify/${shopId}`;
    const stale = rawCallback(simShop.appSecret, simShop.appKey, { event_id: 'evt_stale', order_id: orderId, code: codes[0]!.code }, world.now() - 10 * 60_000);
    expect((await fetch(url, stale)).status).toBe(401);
    const unsigned = rawCallback(simShop.appSecret, simShop.appKey, { event_id: 'evt_nosig', order_id: orderId, code: codes[0]!.code }, world.now());
    delete (unsigned.headers as Record<string, string | undefined>)['x-keydesk-signature'];
    expect((await fetch(url, unsigned)).status).toBe(401);
    const notJson = { ...rawCallback(simShop.appSecret, simShop.appKey, { event_id: 'evt_x' }, world.now()) };
    expect((await fetch(url, { ...notJson, body: `${notJson.body}garbage` })).status).toBe(401);

    expect(verification.state(lineId)).toEqual(before);
    expect(holdStatus(world, lineId)).toBe('open');
    await settle();
    expect(await deliveries(orderId)).toBe(0);
    expect(auditOf(world, 'risk.verify.failed', lineId)).toEqual([]);

    // A correctly signed one still works afterwards: the forgeries burned nothing.
    expect((await buyerEnters({ orderId, code: codes[0]!.code })).reply.passed).toBe(true);
    await settle();
    expect(await deliveries(orderId)).toBe(1);
  });

  it('answers 404 for an unknown shop, another platform or an order with no code, 400 for a bad code, 503 while locked', async () => {
    const { orderId, shopId, simShop, codes } = await siteChallenge();
    const other = await captureOrder(world, 'youzan', { phone: '13700000001' });
    const body = (eventId: string, extra: Record<string, unknown> = {}) => rawCallback(simShop.appSecret, simShop.appKey, { event_id: eventId, order_id: orderId, code: codes[0]!.code, ...extra }, world.now());
    expect((await fetch(`${world.server.url}/site-verify/9999`, body('evt_1'))).status).toBe(404);
    expect((await fetch(`${world.server.url}/site-verify/${other.shopId}`, body('evt_2'))).status).toBe(404);
    expect((await fetch(`${world.server.url}/site-verify/${shopId}`, body('evt_3', { order_id: 'SO-NOT-THERE' }))).status).toBe(404);
    const badCode = await fetch(`${world.server.url}/site-verify/${shopId}`, body('evt_4', { code: '12ab' }));
    expect(badCode.status).toBe(400);
    expect(((await badCode.json()) as { msg: string }).msg).toBe('验证码必须是 4–8 位数字');
    expect((await fetch(`${world.server.url}/site-verify/${shopId}`, { method: 'GET' })).status).toBe(405);
    world.core.services.vault.lock();
    expect((await fetch(`${world.server.url}/site-verify/${shopId}`, body('evt_5'))).status).toBe(503);
    await world.core.services.vault.unlock({ passphrase: PASSPHRASE });
  });

  it('five wrong codes from the site lock it; the right one is refused after', async () => {
    const { lineId, orderId, codes } = await siteChallenge();
    let last: Posted | undefined;
    for (let i = 0; i < 5; i++) last = await buyerEnters({ orderId, code: wrongCode(codes[0]!.code) });
    expect(last?.reply).toMatchObject({ passed: false, locked: true, attempts_left: 0 });
    const right = await buyerEnters({ orderId, code: codes[0]!.code });
    expect(right.reply).toMatchObject({ passed: false, locked: true });
    expect(right.reply.message).toContain('已锁定');
    expect(holdStatus(world, lineId)).toBe('open');
    await settle();
    expect(await deliveries(orderId)).toBe(0);
  });
});

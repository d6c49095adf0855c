// The push door of the server host, with what a bad actor or a confused platform sends: forged and
// unsigned pushes, replays, stale timestamps, unknown shops. Nothing may be captured or delivered from them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { platformSimulators, startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { startServer, type RunningServer } from '../../../src-main/hosts/server/server.js';
import type { Core } from '../../../src-main/core/index.js';
import { unlockedCore } from '../../helpers/core.js';
import { addProduct, importText } from '../../helpers/inventory.js';
import { connectSandboxShop, type Control } from '../../helpers/sandbox-shop.js';
import { checkLedger, type LedgerEntry } from '../../helpers/ledger.js';

let sandbox: Sandbox;
let core: Core;
let server: RunningServer;
let control: Control;

beforeEach(async () => {
  sandbox = await startSandbox({ simulators: platformSimulators({ clock: () => Date.now() - 3000 }) });
  control = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sandbox.url}/_control/${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
    return (await res.json()) as T;
  };
  core = (await unlockedCore({ sandboxUrl: sandbox.url })).core;
  await addProduct(core, 'IQIYI-M');
  await importText(core, 1, 'PUSH-KEY-0001\nPUSH-KEY-0002\nPUSH-KEY-0003');
  server = await startServer({ core, token: randomUUID(), rendererDir: '/nonexistent', port: 0 });
  await core.services.orders.start();
});

afterEach(async () => {
  core.services.orders.stop();
  await server.close();
  core.close();
  await sandbox.close();
});

function sitePush(secret: string, appKey: string, orderId: string, options: { at?: number; eventId?: string; forge?: boolean } = {}) {
  const at = options.at ?? Date.now();
  const eventId = options.eventId ?? `evt_${randomUUID().slice(0, 8)}`;
  const body = JSON.stringify({ event_id: eventId, type: 'order.paid', created_at: at, app_key: appKey, order: { id: orderId } });
  const signature = createHmac('sha256', options.forge ? 'not-the-secret-0123456789abcdef0123' : secret).update(`${at}.${body}`).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-keydesk-app-key': appKey, 'x-keydesk-timestamp': String(at), 'x-keydesk-event-id': eventId, 'x-keydesk-signature': signature } };
}

async function post(path: string, push: { body: string; headers: Record<string, string> }) {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: push.headers, body: push.body });
  return { status: res.status, text: await res.text() };
}

const settle = () => new Promise((r) => setTimeout(r, 400)).then(() => core.services.orders.outbox.idle());
const lineCount = () => (core.services.sqlite.prepare('select count(*) as n from order_lines').get() as { n: number }).n;

describe('push receiver', () => {
  it('a genuine 独立站 push delivers once; its replay, a forged, an unsigned and a stale one change nothing', async () => {
    const { shopId, simShop, itemId } = await connectSandboxShop(core, { url: sandbox.url, control }, 'site', { productCode: 'IQIYI-M', pollSeconds: 3600 });
    const order = await control<{ orderId: string }>('site/createOrder', { shopId: simShop.shopId, lines: [{ itemId, quantity: 1 }], pay: true });
    const path = `/push/site/${shopId}`;

    const forged = await post(path, sitePush(simShop.appSecret, simShop.appKey, order.orderId, { forge: true }));
    const unsigned = sitePush(simShop.appSecret, simShop.appKey, order.orderId);
    delete (unsigned.headers as Record<string, string | undefined>)['x-keydesk-signature'];
    const noSignature = await post(path, unsigned);
    const stale = await post(path, sitePush(simShop.appSecret, simShop.appKey, order.orderId, { at: Date.now() - 10 * 60_000 }));
    await settle();
    expect([forged.status, noSignature.status, stale.status]).toEqual([401, 401, 401]);
    expect(lineCount()).toBe(0);

    const genuine = sitePush(simShop.appSecret, simShop.appKey, order.orderId, { eventId: 'evt_once' });
    expect((await post(path, genuine)).status).toBe(200);
    await settle();
    // The very same message again (a replay, or the site retrying): accepted, and nothing happens twice.
    expect((await post(path, sitePush(simShop.appSecret, simShop.appKey, order.orderId, { eventId: 'evt_once' }))).status).toBe(200);
    await settle();
    const ledger = await control<LedgerEntry[]>('site/ledger', {});
    expect(checkLedger(ledger)).toMatchObject({ delivered: 1, duplicates: 0, missing: 0 });
    expect(lineCount()).toBe(1);
    const log = readFileSync(join(core.services.dataDir, 'logs', 'keydesk.log'), 'utf8');
    expect(log).toContain('PushReceiver.receive: rejected');
  });

  it('answers 404 for an unknown shop or the wrong platform, and 503 while the vault is locked', async () => {
    const { shopId, simShop } = await connectSandboxShop(core, { url: sandbox.url, control }, 'site', { productCode: 'IQIYI-M', pollSeconds: 3600 });
    const push = sitePush(simShop.appSecret, simShop.appKey, 'SO-1');
    expect((await post('/push/site/999', push)).status).toBe(404);
    expect((await post(`/push/taobao/${shopId}`, push)).status).toBe(404);
    expect((await post(`/push/pdd/${shopId}`, push)).status).toBe(404);
    core.services.vault.lock();
    expect((await post(`/push/site/${shopId}`, push)).status).toBe(503);
  });

  it('a platform answering a web page instead of JSON is an error the owner can read, and polling recovers after', async () => {
    const { shopId, simShop, itemId } = await connectSandboxShop(core, { url: sandbox.url, control }, 'taobao', { productCode: 'IQIYI-M', pollSeconds: 3600 });
    await control('taobao/createOrder', { shopId: simShop.shopId, lines: [{ itemId, quantity: 1 }], pay: true });
    // Three in a row: one flaky answer is retried inside the round, a platform that keeps answering a web page is not.
    await control('faults', { simulator: 'taobao', kind: 'malformed', times: 3 });
    await expect(core.services.orders.pollers.poll(shopId)).rejects.toThrow();
    expect(core.services.orders.shops.get(shopId).lastError).toMatch(/淘宝|平台/);
    core.services.sqlite.prepare('update shops set backoff_until = null').run();
    await core.services.orders.pollers.poll(shopId);
    await core.services.orders.outbox.idle();
    expect(core.services.orders.shops.get(shopId).lastError).toBeNull();
    expect(checkLedger(await control<LedgerEntry[]>('taobao/ledger', {}))).toMatchObject({ delivered: 1, missing: 0 });
  });
});


// The whole order path against the sandbox platforms over HTTP: a shop on each platform, orders created
// and paid there, captured by polling (and by push where the platform pushes), delivered, and checked
// against what the platform itself recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { platformSimulators, startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { startServer, type RunningServer } from '../../../src-main/hosts/server/server.js';
import type { Core } from '../../../src-main/core/index.js';
import type { PlatformName } from '../../../src-shared/contract/index.js';
import { unlockedCore } from '../../helpers/core.js';
import { addProduct, importText } from '../../helpers/inventory.js';
import { connectSandboxShop, type Control, sandboxControl } from '../../helpers/sandbox-shop.js';
import { checkLedger, keysIn, type LedgerEntry } from '../../helpers/ledger.js';

let sandbox: Sandbox;
let core: Core;
let server: RunningServer | undefined;
let control: Control;

beforeEach(async () => {
  // Platform time a few seconds behind ours, so orders created just now fall inside the fresh window.
  sandbox = await startSandbox({ simulators: platformSimulators({ clock: () => Date.now() - 3000 }) });
  control = sandboxControl(sandbox.url);
  core = (await unlockedCore({ sandboxUrl: sandbox.url })).core;
  await addProduct(core, 'IQIYI-M');
  await importText(core, 1, Array.from({ length: 40 }, () => `K-${randomUUID()}`).join('\n'));
});

afterEach(async () => {
  core.services.orders.stop();
  await server?.close();
  server = undefined;
  core.close();
  await sandbox.close();
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const POLLED: PlatformName[] = ['taobao', 'pdd', 'doudian', 'youzan', 'weidian', 'site'];

describe('sandbox platforms end to end', () => {
  it.each(POLLED)('%s: paid orders are polled and delivered exactly once, unpaid ones wait', async (platform) => {
    const { shopId, simShop, itemId } = await connectSandboxShop(core, { url: sandbox.url, control }, platform, { productCode: 'IQIYI-M' });
    const test = await core.call('shops.test', { id: shopId });
    expect(test).toMatchObject({ ok: true, data: { ok: true } });
    await control(`${platform}/createOrder`, { shopId: simShop.shopId, lines: [{ itemId, quantity: 1 }], pay: true, count: 3 });
    const unpaid = await control<{ orderId: string }>(`${platform}/createOrder`, { shopId: simShop.shopId, lines: [{ itemId, quantity: 2 }] });
    await core.services.orders.start();
    await core.services.orders.pollers.poll(shopId);
    await core.services.orders.outbox.idle();
    let ledger = await control<LedgerEntry[]>(`${platform}/ledger`, {});
    expect(checkLedger(ledger)).toMatchObject({ paid: 3, delivered: 3, duplicates: 0, missing: 0 });
    // Pay the waiting one; a second poll (overlap re-read included) delivers it and nothing else.
    await control(`${platform}/pay`, { orderId: unpaid.orderId });
    await new Promise((r) => setTimeout(r, 5));
    core.services.sqlite.prepare('update shops set cursor_at = cursor_at - 1000').run();
    await core.services.orders.pollers.poll(shopId);
    await core.services.orders.outbox.idle();
    ledger = await control<LedgerEntry[]>(`${platform}/ledger`, {});
    expect(checkLedger(ledger)).toMatchObject({ paid: 4, delivered: 4, duplicates: 0, missing: 0 });
    expect(keysIn(ledger.find((o) => o.orderId === unpaid.orderId)!.deliveries[0]!.content)).toHaveLength(2);
  });

  it.each(['taobao', 'doudian', 'youzan', 'site'] as PlatformName[])('%s: a push delivers without waiting for the poller', async (platform) => {
    server = await startServer({ core, token: randomUUID(), rendererDir: '/nonexistent', port: 0 });
    const { simShop, itemId } = await connectSandboxShop(core, { url: sandbox.url, control }, platform, { productCode: 'IQIYI-M', pollSeconds: 3600, pushBase: server.url });
    await core.services.orders.start();
    await control(`${platform}/createOrder`, { shopId: simShop.shopId, lines: [{ itemId, quantity: 1 }], pay: true });
    await waitFor(async () => checkLedger(await control<LedgerEntry[]>(`${platform}/ledger`, {})).delivered === 1);
    const ledger = await control<LedgerEntry[]>(`${platform}/ledger`, {});
    expect(checkLedger(ledger)).toMatchObject({ duplicates: 0, missing: 0 });
  });
});

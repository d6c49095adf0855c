// The risk engine against the sandbox platforms over HTTP: the signals each platform really sends (独立站:
// phone, email, IP, device; 抖店: a risk tag) reach the rules through the production adapters.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { platformSimulators, startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import type { Core } from '../../../src-main/core/index.js';
import type { RiskHoldView } from '../../../src-shared/contract/index.js';
import { unlockedCore, expectOk } from '../../helpers/core.js';
import { addProduct, importText } from '../../helpers/inventory.js';
import { connectSandboxShop, type Control, sandboxControl } from '../../helpers/sandbox-shop.js';

let sandbox: Sandbox;
let core: Core;
let control: Control;

beforeEach(async () => {
  sandbox = await startSandbox({ simulators: platformSimulators({ clock: () => Date.now() - 3000 }) });
  control = sandboxControl(sandbox.url);
  core = (await unlockedCore({ sandboxUrl: sandbox.url })).core;
  await addProduct(core, 'IQIYI-M');
  await importText(core, 1, Array.from({ length: 10 }, () => `K-${randomUUID()}`).join('\n'));
});

afterEach(async () => {
  core.services.orders.stop();
  core.close();
  await sandbox.close();
});

async function poll(shopId: number): Promise<void> {
  await core.services.orders.pollers.poll(shopId);
  await core.services.orders.outbox.idle();
  await new Promise((r) => setImmediate(r));
}

describe('risk with the sandbox platforms', () => {
  it('独立站: a blacklisted phone is blocked, its signals shown masked; another buyer is delivered', async () => {
    const site = await connectSandboxShop(core, { url: sandbox.url, control }, 'site', { productCode: 'IQIYI-M' });
    await core.services.orders.start();
    expectOk(await core.call('risk.lists.add', { list: 'black', subject: 'phone', value: '13912345678', note: '上次退款' }));
    const bad = await control<{ orderId: string }>('site/createOrder', {
      shopId: site.simShop.shopId, lines: [{ itemId: site.itemId, quantity: 1 }], pay: true,
      buyer: { id: 'site-user-1', phone: '+86 139-1234-5678', email: 'Bad@Example.com', ip: '203.0.113.9', deviceId: 'ios-ABCDEF123456' },
    });
    const good = await control<{ orderId: string }>('site/createOrder', {
      shopId: site.simShop.shopId, lines: [{ itemId: site.itemId, quantity: 1 }], pay: true, buyer: { id: 'site-user-2', phone: '13900000000', ip: '198.51.100.7' },
    });
    await poll(site.shopId);
    const status = (orderNo: string) => (core.services.sqlite.prepare('select status from order_lines where platform_order_id = ?').get(orderNo) as { status: string }).status;
    expect(status(good.orderId)).toBe('delivered');
    expect(status(bad.orderId)).toBe('held');
    const { holds } = expectOk<{ holds: RiskHoldView[] }>(await core.call('risk.holds.list', {}));
    expect(holds).toHaveLength(1);
    expect(holds[0]).toMatchObject({
      platform: 'site', platformOrderId: bad.orderId, decision: { action: 'block', reasons: ['黑名单拦截'] },
      signals: { phoneMasked: '139****5678', emailMasked: 'b***@example.com', ip: '203.0.113.9', deviceMasked: 'ios-****56', lists: [{ list: 'black', subject: 'phone' }] },
    });
    expect(holds[0]!.deadlineAt - holds[0]!.paidAt!).toBe(72 * 3_600_000);
  });

  it('抖店: an order the platform flagged for risk waits for review', async () => {
    const dd = await connectSandboxShop(core, { url: sandbox.url, control }, 'doudian', { productCode: 'IQIYI-M' });
    await core.services.orders.start();
    const flagged = await control<{ orderId: string }>('doudian/createOrder', { shopId: dd.simShop.shopId, lines: [{ itemId: dd.itemId, quantity: 1 }], pay: true, riskFlags: ['风控审核中'] });
    await poll(dd.shopId);
    const line = core.services.sqlite.prepare('select status, last_error from order_lines where platform_order_id = ?').get(flagged.orderId);
    expect(line).toEqual({ status: 'held', last_error: '风控：平台风控标记' });
    const { holds } = expectOk<{ holds: RiskHoldView[] }>(await core.call('risk.holds.list', {}));
    expect(holds[0]!.signals.riskFlags).toEqual(['风控审核中']);
  });
});

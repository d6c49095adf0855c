// Region where the platform gives one: the 独立站 protocol's optional `buyer.region`, through the sandbox site
// over HTTP and the production adapter, lands in order_signals and in 客户来源's regions; an order without
// one is counted as "no region", and seeing the order again keeps it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { platformSimulators, startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import type { Core } from '../../../src-main/core/index.js';
import type { CustomerReport } from '../../../src-shared/contract/index.js';
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
  await importText(core, 1, Array.from({ length: 6 }, () => `K-${randomUUID()}`).join('\n'));
});

afterEach(async () => {
  core.services.orders.stop();
  core.close();
  await sandbox.close();
});

describe('region (独立站)', () => {
  it('a province the site sends is stored at capture and shown in 客户来源; orders without one are counted apart', async () => {
    const site = await connectSandboxShop(core, { url: sandbox.url, control }, 'site', { productCode: 'IQIYI-M' });
    await core.services.orders.start();
    const order = (buyer: Record<string, string>) => control<{ orderId: string }>('site/createOrder', { shopId: site.simShop.shopId, lines: [{ itemId: site.itemId, quantity: 1 }], pay: true, buyer });
    const guangdong = await order({ id: 'u-1', region: '广东' });
    await order({ id: 'u-2', region: '广东' });
    await order({ id: 'u-3', region: '浙江' });
    const none = await order({ id: 'u-4' });
    await core.services.orders.pollers.poll(site.shopId);
    await core.services.orders.outbox.idle();

    const region = core.services.sqlite.prepare('select g.region from order_signals g join orders o on o.id = g.order_id where o.platform_order_id = ?').pluck();
    expect(region.get(guangdong.orderId)).toBe('广东');
    expect(region.get(none.orderId)).toBeNull();

    // The order seen again (delivered, so its updated_at moved) keeps its region.
    await core.services.orders.pollers.poll(site.shopId);
    expect(region.get(guangdong.orderId)).toBe('广东');

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const report = expectOk<CustomerReport>(await core.call('reports.customers', { from: today, to: today }));
    expect(report.byRegion).toEqual([{ region: '广东', orders: 2, revenueFen: 3980 }, { region: '浙江', orders: 1, revenueFen: 1990 }]);
    expect(report.withoutRegion).toBe(1);
    expect(report.totals).toMatchObject({ orders: 4, buyers: 4, newBuyers: 4, returningBuyers: 0 });
  });
});

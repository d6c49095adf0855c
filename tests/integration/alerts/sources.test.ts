// Where alerts come from besides the notices the core already raised: 库存不足 when a product's available
// keys cross its warning line, 店铺异常 when a shop goes into needs_auth / error.
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/index.js';
import type { EventPayload } from '../../../src-shared/contract/index.js';
import { expectOk, unlockedCore } from '../../helpers/core.js';
import { addProduct, importText } from '../../helpers/inventory.js';
import { FakePlatform, addFakeShop } from '../../helpers/fake-platform.js';

type Notice = EventPayload<'app.notice'>;

async function setup(): Promise<{ core: Core; notices: Notice[] }> {
  const { core } = await unlockedCore({ adapters: { taobao: new FakePlatform().adapter() } });
  const notices: Notice[] = [];
  core.onEvent((m) => m.event === 'app.notice' && notices.push(m.payload as Notice));
  return { core, notices };
}

describe('库存不足', () => {
  it('is raised once when available keys fall under the warning line, again only after a restock', async () => {
    const { core, notices } = await setup();
    const productId = await addProduct(core, 'IQIYI-M', { lowStockThreshold: 3 });
    // A product with no keys yet is not news.
    core.services.alerts.checkLowStock();
    await importText(core, productId, 'K-0001\nK-0002\nK-0003\nK-0004');
    core.services.alerts.checkLowStock();
    expect(notices).toEqual([]);

    const ids = (core.services.sqlite.prepare('select id from keys order by id').all() as { id: number }[]).map((r) => r.id);
    expectOk(await core.call('inventory.voidKeys', { ids: ids.slice(0, 2), reason: '测试作废' }));
    core.services.alerts.checkLowStock();
    core.services.alerts.checkLowStock();
    expect(notices).toEqual([{ level: 'warning', kind: 'low_stock', message: '「爱奇艺黄金会员月卡」库存不足：只剩 2 张（预警线 3 张），请及时补货' }]);

    await importText(core, productId, 'K-0005\nK-0006');
    core.services.alerts.checkLowStock();
    expectOk(await core.call('inventory.voidKeys', { ids: ids.slice(2, 4), reason: '测试作废' }));
    core.services.alerts.checkLowStock();
    expect(notices.map((n) => n.message)).toEqual([
      '「爱奇艺黄金会员月卡」库存不足：只剩 2 张（预警线 3 张），请及时补货',
      '「爱奇艺黄金会员月卡」库存不足：只剩 2 张（预警线 3 张），请及时补货',
    ]);
  });

  it('is logged as an alert of its kind', async () => {
    const { core } = await setup();
    core.services.alerts.start();
    const productId = await addProduct(core, 'TX-M', { name: '腾讯视频月卡', lowStockThreshold: 2 });
    core.services.alerts.checkLowStock();
    await importText(core, productId, 'T-0001\nT-0002');
    core.services.alerts.checkLowStock();
    const [id] = (core.services.sqlite.prepare('select id from keys').all() as { id: number }[]).map((r) => r.id);
    expectOk(await core.call('inventory.voidKeys', { ids: [id!], reason: '测试作废' }));
    core.services.alerts.checkLowStock();
    expect(core.services.alerts.recent(10)).toMatchObject([{ kind: 'low_stock', message: '「腾讯视频月卡」库存不足：只剩 1 张（预警线 2 张），请及时补货', status: 'no_channel' }]);
  });
});

describe('店铺异常', () => {
  it('is raised when a shop goes into needs_auth or error, once per change', async () => {
    const { core, notices } = await setup();
    const shopId = await addFakeShop(core, '测试淘宝店');
    const shops = core.services.orders.shops;
    shops.noteOutcome(shopId, '授权已过期：请在设置 → 店铺中重新授权', 'needs_auth');
    shops.noteOutcome(shopId, '授权已过期：请在设置 → 店铺中重新授权', 'needs_auth');
    shops.noteOutcome(shopId, null);
    shops.noteOutcome(shopId, '平台拒绝：参数错误', 'error');
    expect(notices).toEqual([
      { level: 'error', kind: 'shop_error', message: '店铺「测试淘宝店」需要重新授权：授权已过期：请在设置 → 店铺中重新授权' },
      { level: 'error', kind: 'shop_error', message: '店铺「测试淘宝店」拉取订单出错：平台拒绝：参数错误' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { unlockedCore, expectOk, tempDir } from '../../helpers/core.js';
import { addProduct, importText, keyCount } from '../../helpers/inventory.js';
import { FakePlatform, addFakeShop, lineStatuses } from '../../helpers/fake-platform.js';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import type { Core } from '../../../src-main/core/index.js';
import type { OrderLine } from '../../../src-shared/contract/index.js';

async function setup(options: { dataDir?: string } = {}) {
  const platform = new FakePlatform();
  const { core } = await unlockedCore({ adapters: { taobao: platform.adapter() }, ...options });
  const productId = await addProduct(core);
  const shopId = await addFakeShop(core);
  await core.services.orders.start();
  return { core, platform, productId, shopId };
}

async function sync(core: Core, shopId: number) {
  const out = expectOk<{ orders: number }>(await core.call('shops.syncNow', { id: shopId }));
  await core.services.orders.outbox.idle();
  return out;
}

function lines(core: Core): OrderLine[] {
  return core.services.orders.queries.list({ limit: 500 }).lines;
}

describe('dispatch: every paid line gets its keys exactly once', () => {
  it('captures a paid order, reserves a key and delivers it once; a re-read changes nothing', async () => {
    const { core, platform, shopId } = await setup();
    await importText(core, 1, 'KEY-AAAA-0001\nKEY-AAAA-0002');
    const order = platform.addOrder();
    await sync(core, shopId);
    expect(platform.deliveredTo(order.orderId)).toHaveLength(1);
    expect(platform.deliveries[0]!.message).toMatch(/卡密：KEY-AAAA-000[12]/);
    expect(lineStatuses(core)).toEqual({ delivered: 1 });
    expect(keyCount(core, "status = 'delivered'")).toBe(1);
    // Same window again (overlap re-read) and the order pushed again: nothing new happens.
    await sync(core, shopId);
    expect(platform.deliveries).toHaveLength(1);
    expect(core.services.sqlite.prepare('select count(*) as n from order_lines').get()).toEqual({ n: 1 });
    const detail = expectOk<{ timeline: { kind: string }[]; lines: { keys: { secretMasked: string }[] }[] }>(await core.call('orders.get', { orderId: lines(core)[0]!.orderId }));
    expect(detail.timeline.map((e) => e.kind)).toEqual(['captured', 'risk', 'reserved', 'sending', 'delivered']);
    expect(detail.lines[0]!.keys[0]!.secretMasked).toMatch(/^KEY-\*{4}0[12]$/);
    const actions = (core.services.audit.list(50).entries as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['dispatch.reserve', 'delivery.confirm']));
  });

  it('waits for payment, then delivers when the order turns paid', async () => {
    const { core, platform, shopId } = await setup();
    await importText(core, 1, 'KEY-BBBB-0001');
    const order = platform.addOrder({ status: 'unpaid' });
    await sync(core, shopId);
    expect(lineStatuses(core)).toEqual({ waiting_payment: 1 });
    platform.update(order.orderId, { status: 'paid', platformStatus: 'WAIT_SELLER_SEND_GOODS', paidAt: Date.now() });
    await sync(core, shopId);
    expect(lineStatuses(core)).toEqual({ delivered: 1 });
  });

  it('takes N keys for quantity N, and earliest expiry first, never an expired key', async () => {
    const { core, platform, shopId, productId } = await setup();
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    await importText(core, productId, 'LATE-0001\nLATE-0002\nLATE-0003', { batch: { unitCostFen: 1500, expiryDay: day(30) } });
    await importText(core, productId, 'SOON-0001\nSOON-0002', { batch: { unitCostFen: 1500, expiryDay: day(2) } });
    core.services.sqlite.prepare(`update keys set expires_at = ? where secret_index = (select secret_index from keys order by id limit 1)`).run(Date.now() - 1000);
    const order = platform.addOrder({ lines: [{ quantity: 3 }] });
    await sync(core, shopId);
    const message = platform.deliveredTo(order.orderId)[0]!.message;
    expect(message.match(/卡密：(\S+)/g)).toEqual(['卡密：SOON-0001', '卡密：SOON-0002', '卡密：LATE-0002']);
  });

  it('honours batch priority on equal expiry, and a batch pinned to another shop is not used', async () => {
    const { core, platform, shopId, productId } = await setup();
    await importText(core, productId, 'LOW-0001', { batch: { unitCostFen: 1500, priority: 0 } });
    await importText(core, productId, 'HIGH-0001', { batch: { unitCostFen: 1500, priority: 5 } });
    await importText(core, productId, 'PINNED-0001', { batch: { unitCostFen: 1500, priority: 9 } });
    core.services.sqlite.prepare(`update batches set pin_shop_id = 999 where id = 3`).run();
    const order = platform.addOrder();
    await sync(core, shopId);
    expect(platform.deliveredTo(order.orderId)[0]!.message).toContain('HIGH-0001');
  });

  it('a combo takes keys of every component; a campaign batch serves only orders paid inside its window', async () => {
    const { core, platform, shopId, productId } = await setup();
    const tencent = await addProduct(core, 'TX-M', { name: '腾讯视频月卡' });
    const combo = await addProduct(core, 'DUO', { name: '双平台月卡', type: 'combo', components: [{ productId, quantity: 1 }, { productId: tencent, quantity: 1 }] });
    await importText(core, productId, 'IQ-0001\nIQ-0002');
    await importText(core, tencent, 'TX-0001');
    await importText(core, tencent, 'TX-CAMPAIGN-0001', { batch: { unitCostFen: 1000, priority: 50 } });
    // Priority 50 would win without the pin; the campaign starts tomorrow, so today's order must not use it.
    const campaignBatch = (core.services.sqlite.prepare('select max(id) as id from batches').get() as { id: number }).id;
    expectOk(await core.call('inventory.pinBatch', { batchId: campaignBatch, shopId: null, from: Date.now() + 86_400_000, to: Date.now() + 2 * 86_400_000 }));
    const order = platform.addOrder({ lines: [{ outerId: 'DUO' }] });
    await sync(core, shopId);
    const message = platform.deliveredTo(order.orderId)[0]!.message;
    expect(message).toContain('IQ-0001');
    expect(message).toContain('TX-0001');
    expect(message).not.toContain('CAMPAIGN');
    expect(combo).toBeGreaterThan(0);
  });

  it('out of stock waits, alerts, and is delivered in pay-time order when stock arrives', async () => {
    const { core, platform, shopId, productId } = await setup();
    const notices: string[] = [];
    core.onEvent((m) => m.event === 'app.notice' && notices.push((m.payload as { message: string }).message));
    const first = platform.addOrder();
    const second = platform.addOrder();
    await sync(core, shopId);
    expect(lineStatuses(core)).toEqual({ out_of_stock: 2 });
    expect(notices.join()).toContain('缺货');
    await importText(core, productId, 'NEW-0001');
    await core.services.orders.outbox.idle();
    expect(platform.deliveredTo(first.orderId)).toHaveLength(1);
    expect(platform.deliveredTo(second.orderId)).toHaveLength(0);
    await importText(core, productId, 'NEW-0002');
    await core.services.orders.outbox.idle();
    expect(platform.deliveredTo(second.orderId)[0]!.message).toContain('NEW-0002');
  });

  it('an unmapped SKU waits in the problem queue; one mapping dispatches every waiting line', async () => {
    const { core, platform, shopId, productId } = await setup();
    await importText(core, productId, 'MAP-0001\nMAP-0002\nMAP-0003\nMAP-0004');
    platform.addOrder({ lines: [{ outerId: '', itemId: 'X9', skuId: 'S3', quantity: 1 }] });
    platform.addOrder({ lines: [{ outerId: '', itemId: 'X9', skuId: 'S3', quantity: 1 }] });
    await sync(core, shopId);
    const problems = core.services.orders.queries.list({ problems: true, limit: 10 });
    expect(problems.lines.map((l) => l.status)).toEqual(['unmapped', 'unmapped']);
    const out = expectOk<{ dispatched: number }>(await core.call('mappings.set', { lineId: problems.lines[0]!.id, productId, quantity: 2 }));
    expect(out.dispatched).toBe(2);
    await core.services.orders.outbox.idle();
    expect(lineStatuses(core)).toEqual({ delivered: 2 });
    expect(keyCount(core, "status = 'delivered'")).toBe(4);
  });

  it('bad quantities are held with a reason, never delivered', async () => {
    const { core, platform, shopId, productId } = await setup();
    await importText(core, productId, 'QTY-0001');
    platform.addOrder({ lines: [{ quantity: -2 }] });
    platform.addOrder({ lines: [{ quantity: 100_000 }] });
    await sync(core, shopId);
    expect(lineStatuses(core)).toEqual({ held: 2 });
    expect(lines(core).map((l) => l.lastError).join()).toContain('数量异常');
    expect(platform.deliveries).toHaveLength(0);
  });

  it('refund before delivery gives the keys back; refund after delivery goes to after-sales', async () => {
    const { core, platform, shopId, productId } = await setup();
    await importText(core, productId, 'REF-0001');
    platform.failures.push(new ChannelError('give_up', '测试：平台拒绝'));
    const early = platform.addOrder();
    await sync(core, shopId);
    expect(lineStatuses(core)).toEqual({ failed: 1 });
    expect(keyCount(core, "status = 'reserved'")).toBe(1);
    platform.update(early.orderId, { status: 'closed', platformStatus: 'TRADE_CLOSED', lines: early.lines.map((l) => ({ ...l, refund: 'refunded' as const })) });
    await sync(core, shopId);
    expect(lineStatuses(core)).toEqual({ refunded: 1 });
    expect(keyCount(core, "status = 'available'")).toBe(1);

    const late = platform.addOrder();
    await sync(core, shopId);
    expect(platform.deliveredTo(late.orderId)).toHaveLength(1);
    platform.update(late.orderId, { lines: late.lines.map((l) => ({ ...l, refund: 'refunded' as const })) });
    await sync(core, shopId);
    expect(lineStatuses(core)).toEqual({ refunded: 1, after_sales: 1 });
    expect(keyCount(core, "status = 'delivered' and refunded_at is not null")).toBe(1);
  });

  it('retries a transient failure with the same key, and a given-up line can be retried by the owner', async () => {
    const { core, platform, shopId, productId } = await setup();
    await importText(core, productId, 'RETRY-0001\nRETRY-0002');
    platform.failures.push(new ChannelError('retry', '平台服务器出错（HTTP 502）'));
    const order = platform.addOrder();
    await sync(core, shopId);
    const [line] = lines(core);
    expect(line!.status).toBe('reserved');
    expect(line!.lastError).toContain('502');
    core.services.sqlite.prepare('update order_lines set next_attempt_at = 0').run();
    core.services.orders.outbox.kick();
    await core.services.orders.outbox.idle();
    expect(platform.deliveredTo(order.orderId)).toHaveLength(1);
    expect(platform.deliveredTo(order.orderId)[0]!.message).toContain('RETRY-0001');

    platform.failures.push(new ChannelError('give_up', '订单状态不允许发货'));
    const other = platform.addOrder();
    await sync(core, shopId);
    const failed = lines(core).find((l) => l.status === 'failed')!;
    expect(failed.lastError).toBe('订单状态不允许发货');
    expectOk(await core.call('orders.retry', { lineId: failed.id }));
    await core.services.orders.outbox.idle();
    expect(platform.deliveredTo(other.orderId)[0]!.message).toContain('RETRY-0002');
  });

  it('an answer lost in flight is re-sent with the same key and counted once', async () => {
    const { core, platform, shopId, productId } = await setup();
    await importText(core, productId, 'LOST-0001\nLOST-0002');
    platform.loseAnswers = 1;
    const order = platform.addOrder();
    await sync(core, shopId);
    core.services.sqlite.prepare('update order_lines set next_attempt_at = 0').run();
    core.services.orders.outbox.kick();
    await core.services.orders.outbox.idle();
    expect(platform.deliveredTo(order.orderId)).toHaveLength(1);
    expect(lineStatuses(core)).toEqual({ delivered: 1 });
    expect(keyCount(core, "status = 'available'")).toBe(1);
  });

  it('on start, a line left in flight is read back from the platform before anything is re-sent', async () => {
    const dataDir = tempDir();
    const platform = new FakePlatform();
    const adapter = platform.adapter();
    let hang = true;
    const deliver = adapter.deliver;
    adapter.deliver = async (ctx, req) => {
      const out = await deliver(ctx, req);
      if (hang) await new Promise(() => undefined); // the process "dies" after the platform accepted
      return out;
    };
    const { core } = await unlockedCore({ dataDir, adapters: { taobao: adapter } });
    const productId = await addProduct(core);
    const shopId = await addFakeShop(core);
    await importText(core, productId, 'CRASH-0001\nCRASH-0002\nCRASH-0003');
    await core.services.orders.start();
    const shipped = platform.addOrder();
    expectOk(await core.call('shops.syncNow', { id: shopId }));
    await new Promise((r) => setTimeout(r, 50));
    expect(lineStatuses(core)).toEqual({ sending: 1 });
    core.close();

    hang = false;
    const { createCore } = await import('../../../src-main/core/index.js');
    const again = createCore({ dataDir, host: 'cli', version: 't', adapters: { taobao: adapter }, scrypt: { N: 1024, r: 8, p: 1 } });
    await again.services.vault.unlock({ passphrase: 'correct horse battery' });
    const recovered = await again.services.orders.outbox.recover();
    expect(recovered).toEqual({ reconciled: 1, delivered: 1, requeued: 0 });
    expect(platform.deliveredTo(shipped.orderId)).toHaveLength(1);
    expect(lineStatuses(again)).toEqual({ delivered: 1 });
    again.close();
  });
});

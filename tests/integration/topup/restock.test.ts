// 自动补货 against a real core and database, with an in-memory supplier whose orders the test controls:
// processing then success with keys, refunded failures, lost replies, and duplicate order numbers.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unlockedCore } from '../../helpers/core.js';
import { addProduct, importText, keyCount } from '../../helpers/inventory.js';
import { Restock, type RestockDeps } from '../../../src-main/core/topup/restock.js';
import { Suppliers } from '../../../src-main/core/topup/suppliers/suppliers.js';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import type { SupplierAdapter, SupplierCard, SupplierGoods, SupplierOrderState } from '../../../src-main/core/topup/suppliers/types.js';
import type { HttpClient } from '../../../src-main/core/channels/types.js';
import type { Core } from '../../../src-main/core/index.js';
import type { Clock } from '../../../src-main/core/clock.js';
import type { AuditInput } from '../../../src-main/core/audit/audit-log.js';
import { KeyDeskError, methods, type EventPayload } from '../../../src-shared/contract/index.js';

interface FakeOrder {
  productId: string;
  buyNum: number;
  outcome: SupplierOrderState;
  queries: number;
  cards: SupplierCard[];
}

/** A supplier account: refuses a repeated customer_order_no, counts every order and every call. */
class FakeSupplier {
  goods: SupplierGoods = { productId: 'G100', name: '爱奇艺黄金月卡', priceFen: 1000, kind: 'card', faceValueFen: 1990, onSale: true };
  readonly orders = new Map<string, FakeOrder>();
  addCalls = 0;
  goodsCalls = 0;
  /** Queries answered 处理中 before an order shows its outcome. */
  processingQueries = 0;
  /** Outcome of the next orders placed. */
  outcome: SupplierOrderState = 'success';
  /** The next cardAdd records the order, then throws: the reply was lost on the way back. */
  loseNextReply = false;
  /** The next cardAdd throws before reaching the supplier: no order exists. */
  dropNextRequest = false;
  /** orderInfo fails (network down). */
  infoDown = false;

  /** Every secret the supplier has sold. */
  secrets(): string[] {
    return [...this.orders.values()].flatMap((o) => o.cards.map((c) => c.secret));
  }

  adapter(): SupplierAdapter {
    return {
      kind: 'fulu',
      title: '测试供应商接口',
      defaultEndpoint: 'http://supplier.invalid',
      credentialFields: [],
      balance: async () => ({ balanceFen: 1_000_000, name: '测试账户' }),
      goods: async (_ctx, productId) => {
        this.goodsCalls++;
        if (productId !== this.goods.productId) throw new ChannelError('give_up', '商品不存在');
        return { ...this.goods };
      },
      directAdd: async () => {
        throw new ChannelError('give_up', '测试供应商不做直充');
      },
      cardAdd: async (_ctx, input) => {
        this.addCalls++;
        if (this.dropNextRequest) {
          this.dropNextRequest = false;
          throw new ChannelError('retry', '连接超时');
        }
        const existing = this.orders.get(input.customerOrderNo);
        if (existing) return { supplierOrderId: `F-${input.customerOrderNo}`, state: 'processing', duplicate: true };
        const n = this.orders.size + 1;
        const cards = Array.from({ length: input.buyNum }, (_, i) => ({
          cardNo: `CN${n}${String(i).padStart(4, '0')}`,
          secret: `RSK-${randomBytes(6).toString('hex').toUpperCase()}`,
          expiresAt: null,
        }));
        this.orders.set(input.customerOrderNo, { productId: input.productId, buyNum: input.buyNum, outcome: this.outcome, queries: 0, cards });
        if (this.loseNextReply) {
          this.loseNextReply = false;
          throw new ChannelError('retry', '读取响应超时');
        }
        return { supplierOrderId: `F-${input.customerOrderNo}`, state: 'processing', duplicate: false };
      },
      orderInfo: async (_ctx, customerOrderNo) => {
        if (this.infoDown) throw new ChannelError('retry', '供应商接口暂时不可用');
        const order = this.orders.get(customerOrderNo);
        if (!order) return null;
        order.queries++;
        const state = order.queries <= this.processingQueries ? 'processing' : order.outcome;
        return {
          customerOrderNo, supplierOrderId: `F-${customerOrderNo}`, state, costFen: null, finishedAt: null,
          description: state === 'failed_refunded' ? '库存不足，已退款' : '', evidence: null,
          cards: state === 'success' ? order.cards.map((c) => ({ ...c })) : [],
        };
      },
      parseCallback: () => {
        throw new ChannelError('bad_request', '测试供应商没有回调');
      },
      callbackAck: () => ({ status: 200, contentType: 'text/plain', body: 'success' }),
    };
  }
}

const noHttp: HttpClient = async () => {
  throw new Error('the fake supplier makes no HTTP calls');
};

type Notice = EventPayload<'app.notice'>;

async function setup(options: { clock?: Clock; rule?: Partial<Parameters<Restock['setRule']>[0]>; appendAudit?: (core: Core) => RestockDeps['appendAudit'] } = {}) {
  const fake = new FakeSupplier();
  const { core } = await unlockedCore(options.clock ? { clock: options.clock } : {});
  const s = core.services;
  const suppliers = new Suppliers(s, { fulu: fake.adapter() }, noHttp);
  const supplier = await suppliers.add({ kind: 'fulu', name: '福禄测试', credentials: { appKey: 'ak-test', appSecret: 'as-test-secret' } });
  const productId = await addProduct(core, 'IQIYI-M');
  const deps = (appendAudit: RestockDeps['appendAudit'] = s.appendAudit): RestockDeps => ({
    sqlite: s.sqlite, vault: s.vault, clock: s.clock, log: s.log, events: s.events, appendAudit, imports: s.imports, suppliers,
  });
  const restock = new Restock(deps(options.appendAudit?.(core)), { pollIntervalMs: 5, pollAttempts: 3 });
  restock.setRule({ productId, supplierId: supplier.id, supplierProductId: 'G100', threshold: 5, buyCount: 10, dailyBudgetFen: 100_000, ...options.rule });
  const notices: Notice[] = [];
  core.onEvent((m) => {
    if (m.event === 'app.notice') notices.push(m.payload as Notice);
  });
  return { core, fake, suppliers, restock, productId, supplierId: supplier.id, notices, deps };
}

function purchases(core: Core) {
  return core.services.sqlite.prepare('select * from restock_purchases order by id').all() as {
    id: number; customer_order_no: string; state: string; batch_id: number | null; error: string | null; total_fen: number; unit_cost_fen: number; count: number;
  }[];
}

function auditActions(core: Core): string[] {
  return (core.services.audit.list(200).entries as { action: string }[]).map((e) => e.action);
}

function available(core: Core, productId: number): number {
  return keyCount(core, `product_id = ${productId} and status = 'available'`);
}

describe('自动补货: buys keys when stock runs low, within the day\'s budget, never twice for one shortage', () => {
  it('low stock → one purchase → the keys in a new batch at the supplier\'s price, audited', async () => {
    const { core, fake, restock, productId } = await setup();
    const run = await restock.runNow();
    expect(run.purchases).toBe(1);
    expect(fake.orders.size).toBe(1);
    const [p] = purchases(core);
    expect(p).toMatchObject({ state: 'success', count: 10, unit_cost_fen: 1000, total_fen: 10_000, error: null });
    expect(p!.customer_order_no).toMatch(/^KDR-1-[0-9A-F]{8}$/);
    expect(available(core, productId)).toBe(10);
    const batches = core.services.stock.batches(productId);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ id: p!.batch_id, supplier: '福禄测试', unitCostFen: 1000, note: `自动补货 ${p!.customer_order_no}` });
    expect(batches[0]!.stock.available).toBe(10);
    // The keys are the supplier's: the card numbers it sent are in stock.
    const cardNos = (core.services.sqlite.prepare('select card_no from keys order by card_no').pluck().all() as string[]);
    expect(cardNos).toEqual([...fake.orders.values()][0]!.cards.map((c) => c.cardNo).sort());
    expect(auditActions(core)).toEqual(expect.arrayContaining(['restock.rule.set', 'restock.purchase.intent', 'import.commit', 'restock.purchase.done']));
    expect(core.services.audit.verify().ok).toBe(true);
    // The list is what the contract promises the screen.
    const list = methods['restock.list'].output.parse(restock.list());
    expect(list.rules[0]).toMatchObject({ productId, spentTodayFen: 10_000, lastError: null });
    expect(list.purchases[0]).toMatchObject({ state: 'success', supplierName: '福禄测试', productName: '爱奇艺黄金会员月卡' });
    // Stock is back above the threshold: the next pass buys nothing and does not even ask for a price.
    const goodsCalls = fake.goodsCalls;
    expect((await restock.checkAll()).purchases).toBe(0);
    expect(fake.orders.size).toBe(1);
    expect(fake.goodsCalls).toBe(goodsCalls);
    core.close();
  });

  it('stock at or above the threshold → nothing is bought', async () => {
    const { core, fake, restock, productId } = await setup();
    await importText(core, productId, Array.from({ length: 5 }, (_, i) => `OWN-KEY-${i}`).join('\n'));
    expect((await restock.checkAll()).purchases).toBe(0);
    expect((await restock.runNow(productId)).message).toContain('不低于补货阈值 5');
    expect(fake.addCalls).toBe(0);
    expect(fake.goodsCalls).toBe(0);
    expect(purchases(core)).toEqual([]);
    core.close();
  });

  it('a disabled rule buys nothing, even on 立即补货', async () => {
    const { core, fake, restock, productId, supplierId } = await setup();
    restock.setRule({ productId, supplierId, supplierProductId: 'G100', threshold: 5, buyCount: 10, dailyBudgetFen: 100_000, enabled: false });
    expect((await restock.checkAll()).purchases).toBe(0);
    const run = await restock.runNow(productId);
    expect(run).toEqual({ purchases: 0, message: '自动补货已停用，未下单' });
    expect(fake.addCalls).toBe(0);
    expect(purchases(core)).toEqual([]);
    core.close();
  });

  it('the daily budget stops the second purchase, says why on the rule, alerts once; the next Beijing day buys again', async () => {
    // 23:50 in Beijing on 1 March.
    let now = Date.UTC(2025, 2, 1, 15, 50);
    const { core, fake, restock, productId, notices } = await setup({ clock: { now: () => now }, rule: { threshold: 20, buyCount: 10, dailyBudgetFen: 15_000 } });
    expect((await restock.runNow()).purchases).toBe(1);
    expect(available(core, productId)).toBe(10); // still under 20
    const second = await restock.runNow();
    expect(second.purchases).toBe(0);
    const why = '今日补货预算已用完（预算 ¥150.00，已用 ¥100.00）';
    expect(second.message).toContain(why);
    expect(restock.list().rules[0]).toMatchObject({ lastError: why, spentTodayFen: 10_000 });
    await restock.checkAll();
    expect(fake.orders.size).toBe(1);
    expect(notices.filter((n) => n.message.includes('预算已用完'))).toEqual([{ level: 'warning', kind: 'restock', message: `自动补货「爱奇艺黄金会员月卡」：${why}` }]);
    expect(purchases(core).map((p) => p.state)).toEqual(['success']);
    // 00:10 on 2 March in Beijing (still 1 March in UTC): a new budget day.
    now += 20 * 60_000;
    expect(restock.list().rules[0]!.spentTodayFen).toBe(0);
    expect((await restock.checkAll()).purchases).toBe(1);
    expect(fake.orders.size).toBe(2);
    expect(available(core, productId)).toBe(20);
    core.close();
  });

  it('a lost reply (the supplier recorded the order, cardAdd threw) is reconciled by order number: one order, keys imported once', async () => {
    const { core, fake, restock, productId, notices } = await setup();
    fake.loseNextReply = true;
    const first = await restock.runNow();
    expect(first.purchases).toBe(1);
    expect(fake.orders.size).toBe(1);
    const [p] = purchases(core);
    expect(p).toMatchObject({ state: 'intent' });
    expect(p!.error).toContain('下单结果未知');
    expect(available(core, productId)).toBe(0);
    // Stock is still low, but the unknown outcome is settled first: no new order, no new number.
    const second = await restock.checkAll();
    expect(second.purchases).toBe(0);
    expect(fake.addCalls).toBe(1);
    expect(fake.orders.size).toBe(1);
    expect(purchases(core)).toEqual([expect.objectContaining({ id: p!.id, customer_order_no: p!.customer_order_no, state: 'success', error: null })]);
    expect(available(core, productId)).toBe(10);
    expect(core.services.sqlite.prepare("select count(*) from imports where status = 'committed'").pluck().get()).toBe(1);
    await restock.checkAll();
    expect(fake.orders.size).toBe(1);
    expect(keyCount(core)).toBe(10);
    expect(notices.filter((n) => n.level === 'error')).toEqual([]);
    core.close();
  });

  it('a request that never reached the supplier is sent again with the same order number', async () => {
    const { core, fake, restock, productId } = await setup();
    fake.dropNextRequest = true;
    await restock.runNow();
    const [p] = purchases(core);
    expect(p).toMatchObject({ state: 'intent' });
    expect(fake.orders.size).toBe(0);
    await restock.checkAll();
    expect(fake.addCalls).toBe(2);
    expect([...fake.orders.keys()]).toEqual([p!.customer_order_no]);
    expect(purchases(core)).toEqual([expect.objectContaining({ id: p!.id, state: 'success' })]);
    expect(available(core, productId)).toBe(10);
    core.close();
  });

  it('an order still 处理中 after the bounded polls is left for the timer, then imported', async () => {
    const { core, fake, restock, productId } = await setup();
    fake.processingQueries = 100;
    expect((await restock.runNow()).purchases).toBe(1);
    expect(purchases(core)).toEqual([expect.objectContaining({ state: 'processing' })]);
    const order = [...fake.orders.values()][0]!;
    expect(order.queries).toBe(3);
    fake.processingQueries = 0;
    await restock.checkAll();
    expect(purchases(core)).toEqual([expect.objectContaining({ state: 'success' })]);
    expect(fake.addCalls).toBe(1);
    expect(available(core, productId)).toBe(10);
    core.close();
  });

  it('a crash after the import but before the success record: start() settles it without a second copy of the keys', async () => {
    let crash = true;
    const { core, fake, restock, productId, deps } = await setup({
      appendAudit: (c) => (entry: AuditInput) => {
        if (crash && entry.action === 'restock.purchase.done') throw new Error('模拟断电');
        c.services.appendAudit(entry);
      },
    });
    await restock.runNow();
    const [p] = purchases(core);
    expect(p).toMatchObject({ state: 'processing', batch_id: null });
    expect(available(core, productId)).toBe(10); // the import did commit
    restock.stop();
    crash = false;
    // The restarted service reconciles before anything else.
    const restarted = new Restock(deps(), { pollIntervalMs: 5, pollAttempts: 3 });
    await restarted.start();
    restarted.stop();
    const [done] = purchases(core);
    const batch = core.services.stock.batches(productId);
    expect(batch).toHaveLength(1);
    expect(done).toMatchObject({ state: 'success', batch_id: batch[0]!.id, error: null });
    expect(keyCount(core)).toBe(10);
    expect(fake.orders.size).toBe(1);
    expect(fake.addCalls).toBe(1);
    expect(auditActions(core).filter((a) => a === 'restock.purchase.done')).toHaveLength(1);
    core.close();
  });

  it('keys already in stock another way (all duplicates on import) still settle the purchase as a success, in the batch that holds them', async () => {
    const { core, fake, restock, productId } = await setup();
    fake.infoDown = true;
    await restock.runNow();
    expect(purchases(core)).toEqual([expect.objectContaining({ state: 'processing' })]);
    // The owner downloaded the keys from the supplier's website and imported them by hand.
    const own = await importText(core, productId, fake.secrets().join('\n'));
    expect(own.imported).toBe(10);
    fake.infoDown = false;
    await restock.checkAll();
    expect(purchases(core)).toEqual([expect.objectContaining({ state: 'success', batch_id: own.batchId })]);
    expect(keyCount(core)).toBe(10);
    expect(fake.orders.size).toBe(1);
    core.close();
  });

  it('a refunded failure → purchase failed, the owner alerted, the budget not spent, no automatic retry right away', async () => {
    const { core, fake, restock, productId, notices } = await setup();
    fake.outcome = 'failed_refunded';
    await restock.runNow();
    const [p] = purchases(core);
    expect(p).toMatchObject({ state: 'failed', batch_id: null });
    expect(p!.error).toContain('失败，已退款');
    expect(notices.filter((n) => n.level === 'error')).toEqual([
      { level: 'error', kind: 'restock', message: `自动补货「爱奇艺黄金会员月卡」失败（单号 ${p!.customer_order_no}）：供应商订单失败，已退款：库存不足，已退款` },
    ]);
    expect(restock.list().rules[0]).toMatchObject({ spentTodayFen: 0, lastError: p!.error });
    expect(auditActions(core)).toContain('restock.purchase.failed');
    expect(available(core, productId)).toBe(0);
    expect((await restock.checkAll()).message).toContain('分钟后再自动尝试');
    expect(fake.orders.size).toBe(1);
    core.close();
  });

  it('a supplier refusal (balance too low) is confirmed by order query, then failed, not retried blindly', async () => {
    const { core, fake, notices } = await setup();
    const refusing = { ...fake.adapter(), cardAdd: async () => {
      fake.addCalls++;
      throw new ChannelError('give_up', '账户余额不足');
    } } satisfies SupplierAdapter;
    const restock2 = new Restock({ ...restockDeps(core), suppliers: new Suppliers(core.services, { fulu: refusing }, noHttp) }, { pollIntervalMs: 5, pollAttempts: 3 });
    await restock2.runNow();
    expect(purchases(core)).toEqual([expect.objectContaining({ state: 'failed', error: '供应商拒绝下单：账户余额不足' })]);
    expect(notices.some((n) => n.level === 'error' && n.message.includes('账户余额不足'))).toBe(true);
    expect(fake.addCalls).toBe(1);
    expect(fake.orders.size).toBe(0);
    core.close();
  });

  it('a supplier product that is off sale is not bought; the owner is told once', async () => {
    const { core, fake, restock, notices } = await setup();
    fake.goods.onSale = false;
    const run = await restock.runNow();
    expect(run.purchases).toBe(0);
    expect(run.message).toContain('已下架或暂停销售');
    await restock.runNow();
    expect(notices.filter((n) => n.message.includes('已下架'))).toHaveLength(1);
    expect(fake.addCalls).toBe(0);
    expect(purchases(core)).toEqual([]);
    core.close();
  });

  it('refuses a rule for a 直充 or combo product, or an unknown supplier, naming the field in Chinese', async () => {
    const { core, restock, productId, supplierId } = await setup();
    const direct = await addProduct(core, 'DIRECT-1', { type: 'direct' });
    const rule = { supplierId, supplierProductId: 'G100', threshold: 5, buyCount: 10, dailyBudgetFen: 10_000 };
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(KeyDeskError);
        return { code: (err as KeyDeskError).code, message: (err as KeyDeskError).message, issues: ((err as KeyDeskError).details as { issues: { field: string; message: string }[] }).issues };
      }
      throw new Error('expected a refusal');
    };
    const d = refusal(() => restock.setRule({ ...rule, productId: direct }));
    expect(d).toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: 'productId' }] });
    expect(d.message).toMatch(/直充商品/);
    const s = refusal(() => restock.setRule({ ...rule, productId, supplierId: 999 }));
    expect(s).toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: 'supplierId' }] });
    expect(s.message).toMatch(/供应商不存在/);
    const combo = await addProduct(core, 'COMBO-1', { type: 'combo', components: [{ productId, quantity: 2 }] });
    const c = refusal(() => restock.setRule({ ...rule, productId: combo }));
    expect(c).toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: 'productId' }] });
    expect(c.message).toMatch(/组合商品/);
    expect(core.services.sqlite.prepare('select count(*) from restock_rules where product_id = ?').pluck().get(direct)).toBe(0);
    expect(restock.list().rules).toEqual([expect.objectContaining({ productId, supplierId })]);
    core.close();
  });

  it('never writes a plaintext key to the data folder (database, WAL, logs, temp files)', async () => {
    const { core, fake, restock } = await setup();
    await restock.runNow();
    expect(fake.secrets()).toHaveLength(10);
    const scan = () => {
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) walk(path);
          else files.push(path);
        }
      };
      walk(core.services.dataDir);
      const bytes = files.map((f) => readFileSync(f));
      expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
      for (const secret of fake.secrets()) {
        for (const b of bytes) {
          expect(b.includes(Buffer.from(secret, 'utf8'))).toBe(false);
          expect(b.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
        }
      }
    };
    scan();
    core.close();
    // After the checkpoint on close, the main file holds everything.
    const files = readdirSync(core.services.dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => readFileSync(join(e.parentPath, e.name)));
    for (const secret of fake.secrets()) for (const b of files) expect(b.includes(Buffer.from(secret, 'utf8'))).toBe(false);
  });
});

function restockDeps(core: Core): Omit<RestockDeps, 'suppliers'> {
  const s = core.services;
  return { sqlite: s.sqlite, vault: s.vault, clock: s.clock, log: s.log, events: s.events, appendAudit: s.appendAudit, imports: s.imports };
}

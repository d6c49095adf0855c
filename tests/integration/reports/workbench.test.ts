// 工作台 over a real core on a fixed clock (Wednesday 2026-05-13, 10:00 Beijing). Lines are written with
// SQL where the way they got there is not under test, on both sides of every boundary that matters
// (yesterday 23:59:59.999 / today 00:00, last Sunday / this Monday), and every figure is compared with a
// plain-JS reading of the raw order lines, keys and batches.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/index.js';
import type { PeriodFigures, Problem, Workbench } from '../../../src-shared/contract/index.js';
import { expectOk, unlockedCore } from '../../helpers/core.js';
import { FakePlatform, addFakeShop } from '../../helpers/fake-platform.js';
import { addProduct, importText } from '../../helpers/inventory.js';

const HOUR = 3_600_000;
const BEIJING = 8 * HOUR;
/** 00:00 of a Beijing day. */
const at = (day: string) => Date.parse(`${day}T00:00:00Z`) - BEIJING;
const TODAY = '2026-05-13'; // a Wednesday
const NOW = at(TODAY) + 10 * HOUR;

interface RawLine {
  id: number;
  order_id: number;
  shop_id: number;
  status: string;
  refund: string;
  quantity: number;
  price_fen: number;
  line_paid: number | null;
  delivered_at: number | null;
}

/** The slow, obvious answer: every paid line of the days, summed the way the ledger's comments define it. */
function reference(core: Core, from: string, to: string): PeriodFigures {
  const db = core.services.sqlite;
  const orderPaid = new Map((db.prepare('select id, paid_at from orders').all() as { id: number; paid_at: number | null }[]).map((o) => [o.id, o.paid_at]));
  const feeRate = new Map((db.prepare('select id, fee_rate_bp from shops').all() as { id: number; fee_rate_bp: number }[]).map((s) => [s.id, s.fee_rate_bp]));
  const batchCost = new Map((db.prepare('select id, unit_cost_fen from batches').all() as { id: number; unit_cost_fen: number }[]).map((b) => [b.id, b.unit_cost_fen]));
  const keyBatch = new Map((db.prepare('select id, batch_id from keys').all() as { id: number; batch_id: number }[]).map((k) => [k.id, k.batch_id]));
  const cost = new Map<number, number>();
  for (const lk of db.prepare('select line_id, key_id from line_keys').all() as { line_id: number; key_id: number }[]) {
    cost.set(lk.line_id, (cost.get(lk.line_id) ?? 0) + batchCost.get(keyBatch.get(lk.key_id)!)!);
  }
  const raw = db.prepare('select id, order_id, shop_id, status, refund, quantity, price_fen, paid_at as line_paid, delivered_at from order_lines').all() as RawLine[];
  const beijingDay = (ms: number) => new Date(ms + BEIJING).toISOString().slice(0, 10);
  const orders = new Set<number>();
  const times: number[] = [];
  let lines = 0, revenue = 0, profit = 0, delivered = 0, refundedBeforeDelivery = 0;
  for (const l of raw) {
    const paid = l.line_paid ?? orderPaid.get(l.order_id) ?? null;
    if (paid === null || beijingDay(paid) < from || beijingDay(paid) > to) continue;
    const amount = l.price_fen * l.quantity;
    const refund = ['refunded', 'cancelled'].includes(l.status) || l.refund === 'refunded' ? amount : 0;
    const fee = Math.floor(((amount - refund) * feeRate.get(l.shop_id)! + 5000) / 10000);
    const wentOut = l.delivered_at !== null || ['delivered', 'after_sales'].includes(l.status);
    lines += 1;
    orders.add(l.order_id);
    revenue += amount;
    profit += amount - refund - (cost.get(l.id) ?? 0) - fee;
    if (wentOut) delivered += 1;
    else if (refund > 0) refundedBeforeDelivery += 1;
    if (wentOut && l.delivered_at !== null) times.push(Math.max(0, l.delivered_at - paid));
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const median = times.length === 0 ? null : times.length % 2 ? times[mid]! : Math.round((times[mid - 1]! + times[mid]!) / 2);
  const due = lines - refundedBeforeDelivery;
  return { orders: orders.size, lines, revenueFen: revenue, profitFen: profit, delivered, due, successRate: due ? delivered / due : null, medianDeliveryMs: median };
}

describe('reports.workbench', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keydesk-workbench-'));
  const taobao = new FakePlatform();
  const pdd = new FakePlatform();
  let now = NOW;
  const clock = { now: () => now };
  taobao.now = clock.now;
  let core: Core;
  let shopA: number, shopB: number, cardProduct: number, otherProduct: number;
  let seq = 0;

  /** A paid order of one shop with these lines, written straight to the tables; the line ids. */
  function order(shopId: number, paidAt: number | null, lines: { productId: number; status: string; quantity?: number; price?: number; deliveredAfter?: number; refund?: string; keys?: number[] }[], buyer = '买**'): number[] {
    const db = core.services.sqlite;
    const oid = `W${++seq}`;
    const orderId = Number(db.prepare(`insert into orders (shop_id, platform_order_id, platform_status, status, amount_fen, paid_at, platform_updated_at, buyer_masked, created_at, updated_at)
      values (?, ?, 'X', ?, 0, ?, ?, ?, ?, ?)`).run(shopId, oid, paidAt === null ? 'unpaid' : 'paid', paidAt, now, buyer, now, now).lastInsertRowid);
    return lines.map((l, i) => {
      const lineId = Number(db.prepare(`insert into order_lines (order_id, shop_id, platform_order_id, platform_line_id, item_id, sku_id, outer_id, title, quantity, price_fen, product_id,
          status, refund, paid_at, delivered_at, created_at, updated_at) values (?, ?, ?, ?, 'I', 'S', 'O', '标题', ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(orderId, shopId, oid, `${oid}-${i}`, l.quantity ?? 1, l.price ?? 1990, l.productId, l.status, l.refund ?? 'none', paidAt,
          l.deliveredAfter === undefined || paidAt === null ? null : paidAt + l.deliveredAfter, now, now).lastInsertRowid);
      for (const keyId of l.keys ?? []) {
        db.prepare(`update keys set status = 'delivered' where id = ?`).run(keyId);
        db.prepare('insert into line_keys (line_id, key_id, exclusive, created_at) values (?, ?, 1, ?)').run(lineId, keyId, now);
      }
      return lineId;
    });
  }

  const freeKeys = (productId: number, n: number): number[] =>
    (core.services.sqlite.prepare(`select id from keys where product_id = ? and status = 'available' order by id limit ?`).all(productId, n) as { id: number }[]).map((k) => k.id);

  const read = async (): Promise<Workbench> => expectOk<Workbench>(await core.call('reports.workbench', {}));

  beforeAll(async () => {
    ({ core } = await unlockedCore({ dataDir: dir, clock, adapters: { taobao: taobao.adapter(), pdd: pdd.adapter() } }));
    cardProduct = await addProduct(core);
    otherProduct = await addProduct(core, 'YOUKU-W', { name: '优酷周卡' });
    await importText(core, cardProduct, Array.from({ length: 12 }, (_, i) => `CARD-${1000 + i}`).join('\n'));
    await importText(core, otherProduct, Array.from({ length: 6 }, (_, i) => `YK-${2000 + i}`).join('\n'), { batch: { unitCostFen: 730, supplier: '另一家' } });
    shopA = await addFakeShop(core, '淘宝店');
    shopB = expectOk<{ id: number }>(await core.call('shops.add', { platform: 'pdd', name: '拼多多店', credentials: { appKey: '12345678', appSecret: 'secret-secret' }, catchUpHours: 1 })).id;
    core.services.sqlite.prepare('update shops set fee_rate_bp = ? where id = ?').run(600, shopA);
  });

  afterAll(() => {
    core?.services.orders.stop();
    core?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows zeros, no rate and no median on a fresh install', async () => {
    const wb = await read();
    const zero = { orders: 0, lines: 0, revenueFen: 0, profitFen: 0, delivered: 0, due: 0, successRate: null, medianDeliveryMs: null };
    expect(wb.today).toEqual({ from: TODAY, to: TODAY, figures: zero });
    expect(wb.week).toEqual({ from: '2026-05-11', to: TODAY, figures: zero });
    expect(wb.problems).toEqual({ afterSales: 0, riskHolds: 0, outOfStock: 0, failedSyncs: 0 });
    expect(wb.recentDeliveries).toEqual([]);
    expect(wb.pending).toBe(0);
  });

  it('counts today and this week by Beijing day, equal to the raw order lines', async () => {
    const s = 1000;
    const today = at(TODAY);
    // Today: an order of two delivered lines (keys from two batches), failed, refunded before delivery,
    // out of stock, held, cancelled after payment, and a line paid at the first millisecond of the day.
    order(shopA, today, [
      { productId: cardProduct, status: 'delivered', quantity: 2, deliveredAfter: 8 * s + 1, keys: freeKeys(cardProduct, 2) },
      { productId: otherProduct, status: 'delivered', price: 990, deliveredAfter: 12 * s, keys: freeKeys(otherProduct, 1) },
    ]);
    order(shopA, today + 8 * HOUR, [{ productId: cardProduct, status: 'delivered', deliveredAfter: HOUR + 5 * 60 * s, keys: freeKeys(cardProduct, 1) }]);
    order(shopB, today + 9 * HOUR, [{ productId: cardProduct, status: 'failed' }]);
    order(shopB, today + 9.5 * HOUR, [{ productId: otherProduct, status: 'refunded', refund: 'refunded' }]);
    order(shopA, today + 9.6 * HOUR, [{ productId: cardProduct, status: 'out_of_stock' }]);
    const [held] = order(shopA, today + 9.7 * HOUR, [{ productId: cardProduct, status: 'held' }]);
    const [released] = order(shopA, today + 9.8 * HOUR, [{ productId: cardProduct, status: 'delivered', deliveredAfter: 3 * s }]);
    order(shopB, today + 7 * HOUR, [{ productId: otherProduct, status: 'cancelled', price: 500 }]);
    order(shopA, null, [{ productId: cardProduct, status: 'waiting_payment' }]);
    // Yesterday's last millisecond: this week, not today.
    order(shopA, today - 1, [{ productId: cardProduct, status: 'delivered', deliveredAfter: 20 * s, keys: freeKeys(cardProduct, 1) }]);
    // Monday 00:00, the week's first instant: delivered, then refunded after delivery.
    order(shopB, at('2026-05-11'), [{ productId: otherProduct, status: 'after_sales', refund: 'refunded', deliveredAfter: 2 * 60 * s + 10 * s, keys: freeKeys(otherProduct, 1) }]);
    order(shopB, at('2026-05-12') + 12 * HOUR, [{ productId: cardProduct, status: 'delivered', deliveredAfter: 30 * s + 1, keys: freeKeys(cardProduct, 1) }]);
    // Last Sunday's last millisecond and last Saturday: before this week.
    order(shopA, at('2026-05-11') - 1, [{ productId: cardProduct, status: 'delivered', deliveredAfter: 5 * s }]);
    for (let i = 0; i < 6; i++) order(shopB, at('2026-05-09') + i * HOUR, [{ productId: otherProduct, status: 'delivered', deliveredAfter: 1 * s + i }]);
    // Two holds the owner has not decided: one line still held, one whose line went on since (stale, not open).
    const hold = core.services.sqlite.prepare(`insert into risk_holds (line_id, action, decision, status, held_at, deadline_at) values (?, 'review', ?, 'open', ?, ?)`);
    const decision = JSON.stringify({ action: 'review', score: 60, reasons: ['新买家大额订单'], ruleIds: [] });
    hold.run(held, decision, now, now + 24 * HOUR);
    hold.run(released, decision, now, now + 24 * HOUR);

    const wb = await read();
    expect(wb.pending).toBe(0);
    expect(wb.today.figures).toEqual(reference(core, TODAY, TODAY));
    expect(wb.week.figures).toEqual(reference(core, '2026-05-11', TODAY));
    // The reference is not vacuous: each boundary fell on the side it was meant to, and the medians are
    // today's even count (3, 8.001, 12, 3 900 s → the mean of the middle two, rounded) and the week's odd one.
    expect(wb.today.figures).toMatchObject({ orders: 8, lines: 9, delivered: 4, due: 7, medianDeliveryMs: 10_001 });
    expect(wb.week.figures).toMatchObject({ orders: 11, lines: 12, delivered: 7, due: 10, successRate: 0.7, medianDeliveryMs: 20_000 });
    expect(wb.today.figures.revenueFen).toBe(1990 * 2 + 990 + 1990 * 6 + 500);
  });

  it('counts the problems the way the 售后 and 风控 screens count them', async () => {
    const db = core.services.sqlite;
    // Shop B fails to pull; a paused shop keeps an old error (not news); one cloud sheet fails, a disabled one is ignored.
    db.prepare(`update shops set status = 'error', last_error = '拉取订单出错' where id = ?`).run(shopB);
    const paused = await addFakeShop(core, '暂停的店');
    db.prepare(`update shops set status = 'paused', last_error = '旧错误' where id = ?`).run(paused);
    const sheet = db.prepare(`insert into sheet_syncs (product_id, name, kind, location_sealed, location_hint, seal_key, interval_minutes, unit_cost_fen, enabled, last_error, created_at)
      values (?, ?, 'url', x'00', 'h', ?, 10, 100, ?, '读取云端表格失败', ?)`);
    sheet.run(cardProduct, '坏表格', 'seal-1', 1, now);
    sheet.run(cardProduct, '停用的表格', 'seal-2', 0, now);

    const wb = await read();
    const queue = expectOk<{ problems: Problem[]; counts: Record<string, number> }>(await core.call('aftersales.queue', { limit: 500 }));
    expect(wb.problems.afterSales).toBe(Object.values(queue.counts).reduce((a, b) => a + b, 0));
    expect(wb.problems.afterSales).toBe(queue.problems.length);
    // failed, out of stock, held, refunded after delivery.
    expect(wb.problems.afterSales).toBe(4);
    const holds = expectOk<{ open: number }>(await core.call('risk.holds.list', { status: 'open', limit: 1 }));
    expect(wb.problems.riskHolds).toBe(holds.open);
    expect(wb.problems.riskHolds).toBe(1);
    expect(wb.problems.outOfStock).toBe(1);
    expect(wb.problems.failedSyncs).toBe(2);
  });

  it('lists the last ten deliveries newest first, with the buyer masked', async () => {
    // One order the real way: captured from the platform, reserved and sent by the outbox.
    await core.services.orders.outbox.start();
    taobao.addOrder({ orderId: 'TB-LIVE', buyerNick: '王小明明' });
    now += 60_000;
    expectOk(await core.call('shops.syncNow', { id: shopA }));
    await core.services.orders.outbox.idle();

    const wb = await read();
    const db = core.services.sqlite;
    const expected = (db.prepare(`select l.id from order_lines l where l.delivered_at is not null order by l.delivered_at desc, l.id desc limit 10`).all() as { id: number }[]).map((r) => r.id);
    expect(wb.recentDeliveries.map((r) => r.lineId)).toEqual(expected);
    expect(wb.recentDeliveries).toHaveLength(10);
    const live = wb.recentDeliveries[0]!;
    expect(live).toMatchObject({ platformOrderId: 'TB-LIVE', shopName: '淘宝店', platform: 'taobao', productName: '爱奇艺黄金会员月卡', quantity: 1, amountFen: 1990, paidAt: NOW, deliveredAt: now });
    expect(live.buyerMasked).toContain('*');
    expect(JSON.stringify(wb)).not.toContain('王小明明');
    expect(wb.today.figures).toEqual(reference(core, TODAY, TODAY));
    const pddRow = wb.recentDeliveries.find((r) => r.shopName === '拼多多店');
    expect(pddRow).toMatchObject({ platform: 'pdd', buyerMasked: '买**' });
  });
});

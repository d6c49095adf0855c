// 热销 / 利润 / 客户来源 through `core.call`, equal to the slow reference computed from the raw tables, for
// the whole range, one day (midnight on both sides), one shop, one platform, one product and a mix; again
// after a late order, refunds, a batch cost change and a fee rate change; and after 重新计算.
import { describe, expect, it } from 'vitest';
import type { MethodName } from '../../../src-shared/contract/index.js';
import { expectOk } from '../../helpers/core.js';
import { buildDataset, lateEarlierOrder, type Dataset } from './money-dataset.js';
import { referenceCustomers, referenceHot, referenceLines, referenceProfit, type RefFilter } from './reference.js';

const call = async <T>(ds: Dataset, method: MethodName, input: unknown): Promise<T> => expectOk<T>(await ds.d.core.call(method, input));

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function filters(ds: Dataset): [string, RefFilter][] {
  const whole = { from: ds.first, to: ds.today };
  return [
    ['whole range', whole],
    ['one day', { from: ds.midnightDay, to: ds.midnightDay }],
    ['one shop', { ...whole, shopIds: [ds.shops.pdd] }],
    ['one platform', { ...whole, platforms: ['site'] }],
    ['one product', { ...whole, productIds: [ds.products[1]] }],
    ['last week, two platforms, two products', { from: addDays(ds.today, -6), to: ds.today, platforms: ['taobao', 'pdd'], productIds: [ds.products[0], ds.products[3]] }],
  ];
}

/** Every money report of every filter, as the screen gets them. */
async function reports(ds: Dataset): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [, f] of filters(ds)) {
    for (const sortBy of ['units', 'revenue', 'profit'] as const) out.push(await call(ds, 'reports.hot', { ...f, sortBy, limit: sortBy === 'profit' ? 2 : 50 }));
    for (const groupBy of ['day', 'product', 'shop'] as const) out.push(await call(ds, 'reports.profit', { ...f, groupBy }));
    out.push(await call(ds, 'reports.customers', f));
  }
  return out;
}

async function expectEqualToReference(ds: Dataset): Promise<unknown[]> {
  const got = await reports(ds);
  const lines = referenceLines(ds.d.core.services.sqlite);
  const expected: unknown[] = [];
  for (const [, f] of filters(ds)) {
    for (const sortBy of ['units', 'revenue', 'profit'] as const) expected.push(referenceHot(ds.d.core.services.sqlite, lines, { ...f, sortBy, limit: sortBy === 'profit' ? 2 : 50 }));
    for (const groupBy of ['day', 'product', 'shop'] as const) expected.push(referenceProfit(ds.d.core.services.sqlite, lines, { ...f, groupBy }));
    expected.push(referenceCustomers(ds.d.core.services.sqlite, lines, f));
  }
  for (const [i, report] of got.entries()) expect(report, `${filters(ds)[Math.floor(i / 7)]![0]} · report ${i % 7}`).toEqual(expected[i]);
  return got;
}

const ledgerRow = (ds: Dataset, lineId: number) =>
  ds.d.core.services.sqlite.prepare('select outcome, units, keys, revenue_fen, refund_fen, cost_fen, fee_fen from sales_lines where line_id = ?').get(lineId);

describe('money reports equal the slow reference', () => {
  it('for every filter, including an order that arrives late but was paid before its buyer’s first order', async () => {
    const ds = await buildDataset();
    const sqlite = ds.d.core.services.sqlite;
    await expectEqualToReference(ds);

    // The comparison is not vacuous: the data has what each report is about.
    const whole = { from: ds.first, to: ds.today };
    const hot = await call<{ rows: { productName: string }[] }>(ds, 'reports.hot', { ...whole, sortBy: 'revenue', limit: 50 });
    expect(hot.rows.map((r) => r.productName).sort()).toEqual(['QQ 音乐月卡', '奈飞年卡', '未关联商品', '爱奇艺黄金会员月卡', '话费 50 元直充'].sort());
    type Customers = { totals: { newBuyers: number; returningBuyers: number; returningRevenueFen: number }; byRegion: unknown[]; withoutRegion: number; byPlatform: unknown[] };
    const customers = await call<Customers>(ds, 'reports.customers', whole);
    expect(customers.totals.newBuyers).toBeGreaterThan(50);
    expect(customers.totals.returningRevenueFen).toBeGreaterThan(0);
    // Over the whole history every buyer's first order is in the range; over the last weeks many bought before.
    expect((await call<Customers>(ds, 'reports.customers', { from: addDays(ds.today, -13), to: ds.today })).totals.returningBuyers).toBeGreaterThan(20);
    expect(customers.byRegion).toHaveLength(4);
    expect(customers.withoutRegion).toBeGreaterThan(0);
    expect(customers.byPlatform).toHaveLength(3);

    // Lines that went the production way, in the ledger: the swapped line costs both keys it was sent.
    expect(ledgerRow(ds, ds.real.delivered)).toEqual({ outcome: 'delivered', units: 2, keys: 2, revenue_fen: 3980, refund_fen: 0, cost_fen: 3000, fee_fen: 24 });
    expect(ledgerRow(ds, ds.real.refundedAfter)).toEqual({ outcome: 'delivered', units: 1, keys: 1, revenue_fen: 1990, refund_fen: 1990, cost_fen: 1500, fee_fen: 0 });
    expect(ledgerRow(ds, ds.real.swapped)).toEqual({ outcome: 'delivered', units: 1, keys: 2, revenue_fen: 1990, refund_fen: 0, cost_fen: 3000, fee_fen: 12 });
    // A failed delivery keeps its key tied to the line (for the retry), so its cost is counted until refunded.
    expect(ledgerRow(ds, ds.real.failed)).toEqual({ outcome: 'failed', units: 1, keys: 1, revenue_fen: 1990, refund_fen: 0, cost_fen: 1500, fee_fen: 12 });

    // Beijing midnight: 00:00:00.000 and 23:59:59.999 are the day; a millisecond before midnight is the day before.
    const day = await call<{ rows: { key: string; lines: number }[] }>(ds, 'reports.profit', { from: addDays(ds.midnightDay, -1), to: addDays(ds.midnightDay, 1), groupBy: 'day' });
    expect(day.rows.map((r) => r.key)).toEqual([addDays(ds.midnightDay, -1), ds.midnightDay, addDays(ds.midnightDay, 1)]);

    const late = lateEarlierOrder(ds);
    const before = (await call<{ totals: { newBuyers: number; returningBuyers: number } }>(ds, 'reports.customers', whole)).totals;
    expect(sqlite.prepare('select first_order from sales_lines where order_id = ?').pluck().get(late)).toBe(1);
    expect(before).toMatchObject({ newBuyers: customers.totals.newBuyers, returningBuyers: customers.totals.returningBuyers });
    await expectEqualToReference(ds);
  });

  it('after refunds, a batch cost change, a top-up dispute and a fee rate change; 重新计算 gives the same numbers', async () => {
    const ds = await buildDataset(2);
    const s = ds.d.core.services;
    await expectEqualToReference(ds);

    s.sqlite.transaction(() => {
      s.sqlite.prepare(`update order_lines set refund = 'refunded' where id in (select id from order_lines where status = 'delivered' and refund = 'none' order by id limit 25)`).run();
      s.sqlite.prepare(`update order_lines set status = 'refunded' where id in (select id from order_lines where status in ('reserved', 'topping_up') order by id limit 10)`).run();
      s.sqlite.prepare(`update topup_attempts set state = 'disputed' where id in (select id from topup_attempts where state = 'failed' limit 5)`).run();
      s.sqlite.prepare('update batches set unit_cost_fen = 2345 where id = ?').run(ds.batchId);
    }).immediate();
    const events: unknown[] = [];
    const off = ds.d.core.onEvent((m) => { if (m.event === 'reports.changed') events.push(m.payload); });
    const auditBefore = s.sqlite.prepare(`select count(*) from audit_log where action = 'reports.fee_rate'`).pluck().get() as number;
    expect(await call(ds, 'reports.setFeeRate', { shopId: ds.shops.site, rateBp: 250 })).toEqual({ shopId: ds.shops.site, shopName: '官网独立站', platform: 'site', rateBp: 250 });
    off();
    expect(events).toEqual([{ lines: expect.any(Number) }]);
    const audit = s.sqlite.prepare(`select actor, object_type, object_id, summary from audit_log where action = 'reports.fee_rate' order by seq desc limit 1`).get() as { summary: string };
    expect({ ...audit, summary: JSON.parse(audit.summary) as unknown }).toEqual({ actor: 'owner', object_type: 'shop', object_id: String(ds.shops.site), summary: { name: '官网独立站', fromBp: 0, toBp: 250 } });
    // The same rate again changes nothing and writes nothing.
    expect(await call(ds, 'reports.setFeeRate', { shopId: ds.shops.site, rateBp: 250 })).toMatchObject({ rateBp: 250 });
    expect(s.sqlite.prepare(`select count(*) from audit_log where action = 'reports.fee_rate'`).pluck().get()).toBe(auditBefore + 1);
    expect(await call(ds, 'reports.feeRates', {})).toEqual([
      { shopId: ds.shops.taobao, shopName: '测试淘宝店', platform: 'taobao', rateBp: 60 },
      { shopId: ds.shops.pdd, shopName: '拼多多小店', platform: 'pdd', rateBp: 100 },
      { shopId: ds.shops.site, shopName: '官网独立站', platform: 'site', rateBp: 250 },
    ]);

    const incremental = await expectEqualToReference(ds);
    const { lines } = await call<{ lines: number }>(ds, 'reports.rebuild', {});
    expect(lines).toBe(referenceLines(s.sqlite).length);
    expect(await reports(ds)).toEqual(incremental);
    expect(s.audit.verify()).toMatchObject({ ok: true });
  });
});

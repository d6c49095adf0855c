// 库存周转 and 供应商质量 through `core.call`, equal to the slow reference over the raw rows for several
// filters, with the figures a merchant would check by hand: keys expiring exactly on the 7 / 30-day
// edges, a combo's keys counted against its components, swaps, pre-delivery voids and claims.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryReport, MethodName, SupplierReport } from '../../../src-shared/contract/index.js';
import { expectOk } from '../../helpers/core.js';
import { DAY, NOW, seedStock, type StockSeed } from './stock-seed.js';
import { referenceInventory, referenceSuppliers } from './stock-reference.js';
import type { RefFilter } from './reference.js';

const dir = mkdtempSync(join(tmpdir(), 'keydesk-stock-'));
let seed: StockSeed;
beforeAll(async () => {
  seed = await seedStock(dir);
});
afterAll(() => {
  seed.core.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = async <T>(method: MethodName, input: unknown): Promise<T> => expectOk<T>(await seed.core.call(method, input));
const NOV = { from: '2026-11-01', to: '2026-11-20' };

describe('库存周转', () => {
  it('equals the slow reference for every filter', async () => {
    const filters: RefFilter[] = [
      NOV,
      { from: '2026-11-01', to: '2026-11-30' },
      { ...NOV, shopIds: [seed.shops.pdd] },
      { ...NOV, platforms: ['taobao'] },
      { ...NOV, productIds: [seed.products.a] },
      { ...NOV, productIds: [seed.products.combo, seed.products.direct] },
      { from: '2026-11-15', to: '2026-11-15' },
      { from: '2026-12-01', to: '2026-12-31' },
    ];
    for (const f of filters) {
      expect(await call<InventoryReport>('reports.inventory', f), JSON.stringify(f)).toEqual(referenceInventory(seed.core.services.sqlite, f, NOW));
    }
  });

  it('counts a combo against its components, cuts the rate at today, and lists only card and combo products on sale', async () => {
    const r = await call<InventoryReport>('reports.inventory', { from: '2026-11-01', to: '2026-11-30' });
    expect(r.rangeDays).toBe(20);
    const { a, b, combo } = seed.products;
    // 爱奇艺: 9 keys on its own lines (a swapped and a pre-delivery-voided key included) + 1 in each of two combos.
    expect(r.products.find((p) => p.productId === a)).toEqual({ productId: a, productName: '爱奇艺月卡', available: 10, sold: 11, dailyRate: 0.55, daysLeft: 18.2, turnover: 0.5238 });
    expect(r.products.find((p) => p.productId === b)).toMatchObject({ available: 15, sold: 5, dailyRate: 0.25, daysLeft: 60 });
    // Two sets sold; 15 腾讯 keys make 7 more sets of two.
    expect(r.products.find((p) => p.productId === combo)).toMatchObject({ available: 7, sold: 2, daysLeft: 70 });
    expect(r.products.map((p) => p.productId)).toEqual([a, b, combo]);
    expect(r.batches.map((x) => x.batchId)).toEqual([seed.batches.a1, seed.batches.a2, seed.batches.b1]);
    expect(r.batches[0]).toMatchObject({ supplier: '甲供应商', total: 14, available: 6, sent: 7, sellThrough: 0.5, daysOnShelf: 40, dailyRate: 0.175, daysLeft: 34.3 });
    expect(r.batches[2]).toMatchObject({ supplier: '未填写供应商', unitCostFen: 500 });

    // A shop filter narrows what was sold, not what is on hand.
    const pdd = await call<InventoryReport>('reports.inventory', { ...NOV, shopIds: [seed.shops.pdd] });
    expect(pdd.products.find((p) => p.productId === a)).toMatchObject({ available: 10, sold: 3 });
  });

  it('lists available keys expiring in (now, now+7d] and (now+7d, now+30d] with their cost and first expiry', async () => {
    const r = await call<InventoryReport>('reports.inventory', NOV);
    const { a1, a2, b1 } = seed.batches;
    expect(r.expiring).toEqual([
      { productId: seed.products.a, productName: '爱奇艺月卡', batchId: a1, supplier: '甲供应商', keys: 2, costFen: 2000, firstExpiresAt: NOW + 1, within: 7 },
      { productId: seed.products.a, productName: '爱奇艺月卡', batchId: a2, supplier: '乙供应商', keys: 1, costFen: 1200, firstExpiresAt: NOW + 3 * DAY, within: 7 },
      { productId: seed.products.a, productName: '爱奇艺月卡', batchId: a1, supplier: '甲供应商', keys: 2, costFen: 2000, firstExpiresAt: NOW + 7 * DAY + 1, within: 30 },
      { productId: seed.products.b, productName: '腾讯视频月卡', batchId: b1, supplier: '未填写供应商', keys: 2, costFen: 1000, firstExpiresAt: NOW + 20 * DAY, within: 30 },
    ]);
  });
});

describe('供应商质量', () => {
  it('equals the slow reference for every filter', async () => {
    for (const f of [{ from: '2026-10-01', to: '2026-11-20' }, NOV, { from: '2026-10-01', to: '2026-11-20', productIds: [seed.products.b] }, { from: '2025-01-01', to: '2025-12-31' }] as RefFilter[]) {
      expect(await call<SupplierReport>('reports.suppliers', f), JSON.stringify(f)).toEqual(referenceSuppliers(seed.core.services.sqlite, f));
    }
  });

  it('sums claims and replacements per supplier, worst first, and counts batches like 售后’s batch quality', async () => {
    const r = await call<SupplierReport>('reports.suppliers', { from: '2026-10-01', to: '2026-11-20' });
    expect(r.suppliers).toEqual([
      { supplier: '未填写供应商', batches: 1, delivered: 5, claims: 1, replaced: 0, claimRate: 0.2, replaceRate: 0 },
      // The swapped key reached a buyer, so it counts as delivered; the archived product's unsold batch counts as a batch.
      { supplier: '甲供应商', batches: 2, delivered: 8, claims: 1, replaced: 1, claimRate: 0.125, replaceRate: 0.125 },
      // The key voided by the pre-delivery check never reached a buyer: replaced, not delivered.
      { supplier: '乙供应商', batches: 1, delivered: 3, claims: 0, replaced: 1, claimRate: 0, replaceRate: 0.3333 },
    ]);
    const quality = expectOk<{ batchId: number; delivered: number; claims: number; replaced: number }[]>(await seed.core.call('batches.quality', { productId: seed.products.a }));
    for (const q of quality) expect(r.batches.find((b) => b.batchId === q.batchId)).toMatchObject({ delivered: q.delivered, claims: q.claims, replaced: q.replaced });
    // Only batches bought in the range.
    const nov = await call<SupplierReport>('reports.suppliers', NOV);
    expect(nov.batches.map((b) => b.batchId).sort()).toEqual([seed.batches.a2, seed.batches.b1, seed.batches.e1].sort());
  });

  it('refuses a range that ends before it starts, naming the field in Chinese', async () => {
    const r = await seed.core.call('reports.suppliers', { from: '2026-11-20', to: '2026-11-01' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ field: 'to', message: '结束日期不能早于开始日期' }] } } });
  });
});

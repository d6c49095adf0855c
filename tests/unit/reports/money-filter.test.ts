// The money reports' filter and figures on an in-memory table: each narrowing keeps exactly the rows it
// names, an empty list narrows nothing, and profit is revenue − refund − cost − fee.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ledgerFilter, money } from '../../../src-main/core/reports/money-filter.js';
import type { ReportFilter } from '../../../src-shared/contract/index.js';

function ledger(): Database.Database {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE shops (id INTEGER PRIMARY KEY, platform TEXT);
    CREATE TABLE sales_daily (day INTEGER, shop_id INTEGER, product_id INTEGER);
    INSERT INTO shops VALUES (1, 'taobao'), (2, 'pdd'), (3, 'site');
    INSERT INTO sales_daily VALUES (20260430, 1, 1), (20260501, 1, 1), (20260501, 2, 2), (20260502, 3, 0), (20260531, 3, 1), (20260601, 2, 1);`);
  return db;
}

const rows = (db: Database.Database, f: Parameters<typeof ledgerFilter>[0]) => {
  const w = ledgerFilter(f, 'd');
  return db.prepare(`SELECT day, shop_id, product_id FROM sales_daily d WHERE ${w.sql} ORDER BY day, shop_id`).raw().all(...w.params);
};

describe('ledgerFilter', () => {
  const may = { from: '2026-05-01', to: '2026-05-31' };
  it.each([
    ['the range, both ends included', may, [[20260501, 1, 1], [20260501, 2, 2], [20260502, 3, 0], [20260531, 3, 1]]],
    ['one day', { from: '2026-05-02', to: '2026-05-02' }, [[20260502, 3, 0]]],
    ['platforms', { ...may, platforms: ['pdd', 'site'] }, [[20260501, 2, 2], [20260502, 3, 0], [20260531, 3, 1]]],
    ['shops', { ...may, shopIds: [1] }, [[20260501, 1, 1]]],
    ['products (unlinked lines are product 0, never a product filter)', { ...may, productIds: [1] }, [[20260501, 1, 1], [20260531, 3, 1]]],
    ['all three together', { ...may, platforms: ['site'], shopIds: [1, 3], productIds: [1] }, [[20260531, 3, 1]]],
    ['empty lists narrow nothing', { ...may, platforms: [], shopIds: [], productIds: [] }, [[20260501, 1, 1], [20260501, 2, 2], [20260502, 3, 0], [20260531, 3, 1]]],
  ] as [string, ReportFilter, number[][]][])('%s', (_name, f, expected) => {
    expect(rows(ledger(), f)).toEqual(expected);
  });

  it('binds every value (the SQL text depends only on which filters are set)', () => {
    const a = ledgerFilter({ from: '2026-05-01', to: '2026-05-02', shopIds: [1] }, 'l');
    const b = ledgerFilter({ from: '2027-01-01', to: '2027-01-09', shopIds: [7, 8, 9] }, 'l');
    expect(a.sql).toBe(b.sql);
    expect(b.params).toEqual([20270101, 20270109, '[7,8,9]']);
  });
});

describe('money', () => {
  it('profit is revenue − refund − cost − fee', () => {
    expect(money({ revenueFen: 10_000, refundFen: 1990, costFen: 5000, feeFen: 48 })).toEqual({ revenueFen: 10_000, refundFen: 1990, costFen: 5000, feeFen: 48, profitFen: 2962 });
    expect(money({ revenueFen: 1990, refundFen: 1990, costFen: 1500, feeFen: 0 }).profitFen).toBe(-1500);
  });
});

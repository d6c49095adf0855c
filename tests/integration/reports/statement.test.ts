// 对账单: every paid line of the filter, in payment order across keyset pages (lines paid in the same
// millisecond straddle page edges), each with its money equal to the slow reference, its status in
// words and its keys masked; the totals row equals the profit report's; no secret in the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfitReport } from '../../../src-shared/contract/index.js';
import { PLATFORM_TITLES } from '../../../src-shared/contract/index.js';
import { formatTime } from '../../../src-shared/format.js';
import { STATEMENT_COLUMNS } from '../../../src-shared/reports/statement-table.js';
import { statementLines } from '../../../src-main/core/reports/statement.js';
import { expectOk } from '../../helpers/core.js';
import { exportAndRead, sheetValues } from './export-files.js';
import { inFilter, referenceLines, type RefFilter } from './reference.js';
import { at, seedStock, type StockSeed } from './stock-seed.js';

const dir = mkdtempSync(join(tmpdir(), 'keydesk-statement-'));
let seed: StockSeed;
/** Lines paid in the same millisecond, so page edges fall between equal payment times. */
const BULK = 40;
const BULK_AT = at('2026-11-03T12:00:00');

beforeAll(async () => {
  seed = await seedStock(dir);
  const db = seed.core.services.sqlite;
  db.transaction(() => {
    const order = db.prepare(`insert into orders (shop_id, platform_order_id, platform_status, status, amount_fen, paid_at, platform_updated_at, buyer_masked, created_at, updated_at)
      values (?, ?, 'X', 'paid', 0, ?, ?, '—', ?, ?)`);
    const line = db.prepare(`insert into order_lines (order_id, shop_id, platform_order_id, platform_line_id, item_id, sku_id, outer_id, title, quantity, price_fen, product_id,
      status, paid_at, created_at, updated_at) values (?, ?, ?, ?, 'I', 'S', 'O', '测试商品', 1, ?, ?, 'reserved', ?, ?, ?)`);
    for (let i = 0; i < BULK; i++) {
      const no = `BULK${i}`;
      const orderId = Number(order.run(seed.shops.taobao, no, BULK_AT, BULK_AT, BULK_AT, BULK_AT).lastInsertRowid);
      line.run(orderId, seed.shops.taobao, no, `${no}-1`, 100 + (i % 7), seed.products.b, BULK_AT, BULK_AT, BULK_AT);
    }
  }).immediate();
});
afterAll(() => {
  seed.core.close();
  rmSync(dir, { recursive: true, force: true });
});

const NOV = { from: '2026-11-01', to: '2026-11-20' };
const yuan = (fen: number) => fen / 100;

describe('对账单', () => {
  it('lists every paid line in payment order with the reference figures, statuses in words and keys masked', async () => {
    const sqlite = seed.core.services.sqlite;
    const file = await exportAndRead(seed.core, { ...NOV, name: 'statement' });
    expect(file.fileName).toBe('对账单-20261101-20261120.xlsx');
    const values = sheetValues(file.book.getWorksheet('对账单')!);
    expect(values[0]).toEqual(STATEMENT_COLUMNS.map((c) => c.title));

    const expected = referenceLines(sqlite).filter(inFilter(NOV)).sort((a, b) => a.paidAt - b.paidAt || a.lineId - b.lineId);
    expect(file.rows).toBe(expected.length);
    const body = values.slice(1, -1);
    expect(body).toHaveLength(expected.length);
    const orderNo = sqlite.prepare('select platform_order_id from order_lines where id = ?').pluck();
    for (const [i, l] of expected.entries()) {
      const row = body[i]!;
      expect(row.slice(0, 4), `line ${l.lineId}`).toEqual([formatTime(l.paidAt), l.shopId === seed.shops.taobao ? '淘宝一店' : '拼多多二店', PLATFORM_TITLES[l.platform], orderNo.get(l.lineId)]);
      expect(row.slice(5, 11), `line ${l.lineId}`).toEqual([l.units, yuan(l.revenueFen), yuan(l.costFen), yuan(l.feeFen), yuan(l.refundFen), yuan(l.revenueFen - l.refundFen - l.costFen - l.feeFen)]);
    }

    const rowOf = (name: string) => body[expected.findIndex((l) => l.lineId === seed.lines[name])]!;
    const { b1 } = seed.keys;
    expect(rowOf('swapped').slice(4)).toEqual(['爱奇艺月卡', 2, 39.8, 30, 1.99, 0, 7.81, '已发货', formatTime(at('2026-11-05T23:59:59') + 30_000), 'CARD****07（已作废）、CARD****08、CARD****11']);
    expect(rowOf('combo').slice(11)).toEqual(['已发货', formatTime(at('2026-11-15T00:00:00') + 30_000), `CARD****09、#${b1[2]}、#${b1[3]}`]);
    expect(rowOf('refundedAfter')[11]).toBe('已发货，已退款');
    expect(rowOf('refundedBefore')[11]).toBe('已退款');
    expect(rowOf('failed')[11]).toBe('发货失败');
    expect(rowOf('waiting').slice(11)).toEqual(['待发货', null, null]);
    expect(rowOf('unlinked')[4]).toBe('未关联商品');
    // Outside the range, or never paid: not on the statement.
    for (const name of ['beforeRange', 'unpaid']) expect(expected.some((l) => l.lineId === seed.lines[name])).toBe(false);

    // Masked means masked: no secret and no whole card number anywhere in the file.
    for (const secret of seed.secrets) expect(file.text.includes(secret), secret).toBe(false);
    expect(file.text).not.toMatch(/CARD-A\d-\d{3}/);
    expect(seed.core.services.audit.list(1).entries[0]).toMatchObject({ action: 'reports.export', summary: { report: 'statement', ...NOV, rows: expected.length } });
  });

  it('totals equal the profit report for the same filter', async () => {
    const filters: RefFilter[] = [
      NOV,
      { ...NOV, shopIds: [seed.shops.pdd] },
      { ...NOV, platforms: ['taobao'] },
      { ...NOV, productIds: [seed.products.a, seed.products.combo] },
      { from: '2026-11-05', to: '2026-11-05' },
      { from: '2026-12-01', to: '2026-12-31' },
    ];
    for (const f of filters) {
      const profit = expectOk<ProfitReport>(await seed.core.call('reports.profit', f)).totals;
      const file = await exportAndRead(seed.core, { ...f, name: 'statement' });
      const values = sheetValues(file.book.getWorksheet('对账单')!);
      expect(file.rows, JSON.stringify(f)).toBe(profit.lines);
      expect(values.at(-1), JSON.stringify(f)).toEqual([
        '合计', `${profit.lines} 行`, null, null, null, profit.units,
        yuan(profit.revenueFen), yuan(profit.costFen), yuan(profit.feeFen), yuan(profit.refundFen), yuan(profit.profitFen), null, null, null,
      ]);
    }
  });

  it('reads page by page in payment order, every line once, whatever the page size', async () => {
    const expected = referenceLines(seed.core.services.sqlite).filter(inFilter(NOV)).sort((a, b) => a.paidAt - b.paidAt || a.lineId - b.lineId).map((l) => l.lineId);
    for (const pageSize of [1, 3, 7, 1000]) {
      const got: number[] = [];
      for await (const line of statementLines(seed.core.services.sqlite, NOV, pageSize)) got.push(line.lineId);
      expect(got, `page size ${pageSize}`).toEqual(expected);
    }
  });
});

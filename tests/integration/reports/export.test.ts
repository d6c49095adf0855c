// 导出 of every report: the .xlsx read back holds what the screen shows for the same filter (one sheet
// per part, Chinese headers, money in 元 with two decimals, the totals row), the export is audited, and
// no secret is anywhere in the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../../src-main/core/files/table-file.js';
import type { MethodName, ProfitReport } from '../../../src-shared/contract/index.js';
import { CHINESE_AUDIT_WORDS, auditSummaryText } from '../../../src-shared/audit/describe.js';
import { REPORT_TITLES, reportTables, type ReportOutputs } from '../../../src-shared/reports/report-tables.js';
import { expectOk } from '../../helpers/core.js';
import { exportAndRead, sheetValues } from './export-files.js';
import { seedStock, type StockSeed } from './stock-seed.js';

const dir = mkdtempSync(join(tmpdir(), 'keydesk-export-'));
let seed: StockSeed;
beforeAll(async () => {
  seed = await seedStock(dir);
});
afterAll(() => {
  seed.core.close();
  rmSync(dir, { recursive: true, force: true });
});

const NOV = { from: '2026-11-01', to: '2026-11-20' };
const call = async <T>(method: MethodName, input: unknown): Promise<T> => expectOk<T>(await seed.core.call(method, input));

/** What the screen asks for, per report, for the same filter the export gets. */
const screenInputs: Record<keyof ReportOutputs, Record<string, unknown>> = {
  hot: { sortBy: 'revenue', limit: 500 },
  profit: { groupBy: 'shop' },
  customers: {},
  inventory: {},
  suppliers: {},
};

describe('导出 of every report', () => {
  it('writes one sheet per part with what the screen shows, totals included, and audits it', async () => {
    const filter = { ...NOV, platforms: ['taobao', 'pdd'] };
    for (const name of Object.keys(screenInputs) as (keyof ReportOutputs)[]) {
      const file = await exportAndRead(seed.core, { ...filter, name, ...(name === 'profit' && { groupBy: 'shop' }) });
      expect(file.fileName).toBe(`${REPORT_TITLES[name]}-20261101-20261120.xlsx`);
      const tables = reportTables(name, await call(`reports.${name}`, { ...filter, ...screenInputs[name] }));
      expect(file.book.worksheets.map((w) => w.name)).toEqual(tables.map((t) => t.title));
      for (const t of tables) {
        const values = sheetValues(file.book.getWorksheet(t.title)!);
        expect(values, `${name} · ${t.title}`).toEqual([t.columns.map((c) => c.title), ...t.rows, ...(t.totals ? [t.totals] : [])]);
      }
      expect(file.rows).toBe(tables.reduce((n, t) => n + t.rows.length, 0));
      for (const secret of seed.secrets) expect(file.text.includes(secret), `${secret} in ${name}`).toBe(false);
      const audit = seed.core.services.audit.list(1).entries[0]!;
      expect(audit).toMatchObject({ actor: 'owner', action: 'reports.export', objectType: 'reports', summary: { report: name, from: NOV.from, to: NOV.to, rows: file.rows } });
    }
    expect(seed.core.services.audit.verify()).toMatchObject({ ok: true });
  });

  it('writes the 利润分析 figures a merchant checks: 元 with two decimals and the totals of the report', async () => {
    const profit = await call<ProfitReport>('reports.profit', { ...NOV, groupBy: 'day' });
    const file = await exportAndRead(seed.core, { ...NOV, name: 'profit' });
    const sheet = file.book.getWorksheet('利润分析（按日期）')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '日期', '订单行', '数量', '营业额', '退款', '成本', '平台费', '利润', '利润率']);
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(4).value).toBe(profit.totals.revenueFen / 100);
    expect(last.getCell(8).value).toBe(profit.totals.profitFen / 100);
    expect(last.getCell(4).numFmt).toBe('#,##0.00');
    expect(last.getCell(9).numFmt).toBe('0.00%');
    expect(last.font?.bold).toBe(true);
    const audit = seed.core.services.audit.list(1).entries[0]!;
    expect(auditSummaryText(CHINESE_AUDIT_WORDS, audit.summary)).toBe(`报表：利润分析；从：2026-11-01；到：2026-11-20；行数：${profit.rows.length}`);
  });

  it('refuses an unknown report and a day that does not exist, in Chinese, writing nothing', async () => {
    const before = seed.core.services.audit.list(1).total;
    expect(await seed.core.call('reports.export', { ...NOV, name: 'sales' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ field: 'name' }] } } });
    expect(await seed.core.call('reports.export', { from: '2026-02-30', to: '2026-03-01', name: 'hot' })).toMatchObject({
      ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ field: 'from', message: '开始日期「2026-02-30」不存在' }] } },
    });
    expect(seed.core.services.audit.list(1).total).toBe(before);
  });

  it('continues a table longer than a sheet on the next sheet, header repeated, totals at the very end', async () => {
    const path = join(dir, 'long.xlsx');
    const counts = await writeWorkbook(path, [{ sheetName: '对账单', header: ['编号', '金额'], numFmts: [undefined, '#,##0.00'], rows: [1, 2, 3, 4, 5, 6, 7].map((n) => [n, n / 100]), totals: () => ['合计', 0.28] }], 3);
    expect(counts).toEqual([7]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.worksheets.map((w) => [w.name, sheetValues(w)])).toEqual([
      ['对账单', [['编号', '金额'], [1, 0.01], [2, 0.02], [3, 0.03]]],
      ['对账单（2）', [['编号', '金额'], [4, 0.04], [5, 0.05], [6, 0.06]]],
      ['对账单（3）', [['编号', '金额'], [7, 0.07], ['合计', 0.28]]],
    ]);
  });
});

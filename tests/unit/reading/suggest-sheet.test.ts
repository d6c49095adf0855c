import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { listSheets, suggestSheet } from '../../../src-main/core/inventory/reading/index.js';
import { fixture, tempDir } from './helpers.js';

describe('suggestSheet', () => {
  it.each([
    ['supplier.xlsx', 1], // 说明 first, keys on the second sheet
    ['legacy.xls', 1],
    ['legacy.ods', 1],
    ['header-only.xlsx', 0],
    ['gbk.csv', 0],
  ])('%s → sheet %d', async (name, index) => {
    expect(await suggestSheet(fixture(name))).toBe(index);
  });

  it('passes over hidden sheets, which listSheets marks', async () => {
    const path = join(tempDir(), 'hidden.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('旧批次', { state: 'hidden' }).getRow(1).values = ['卡密'];
    wb.addWorksheet('说明').getCell('A1').value = '本批次卡密见下一页';
    wb.addWorksheet('新批次').getRow(1).values = ['卡号', '卡密'];
    await wb.xlsx.writeFile(path);
    expect(await listSheets({ path })).toEqual([
      { index: 0, name: '旧批次', hidden: true },
      { index: 1, name: '说明' },
      { index: 2, name: '新批次' },
    ]);
    expect(await suggestSheet({ path })).toBe(2);
  });
});

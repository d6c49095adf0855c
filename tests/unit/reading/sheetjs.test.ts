import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSheets, MAX_IN_MEMORY_BYTES } from '../../../src-main/core/inventory/reading/index.js';
import { FIXTURES, failure, fixture, readAll, table, tempDir } from './helpers.js';

const LEGACY: [number, string[]][] = [
  [1, ['卡号', '卡密', '有效期', '面值', '备注']],
  [2, ['C0001', 'SEC-0001', '2027-06-30', '30', '首批']],
  [3, ['6225880012345680000!', 'ABC123', '2027-12-31 23:59:59', '50', '全角']],
];

describe('xls / ods (SheetJS)', () => {
  it.each(['legacy.xls', 'legacy.ods', 'renamed-xls.xlsx'])('%s: sheets, then the data sheet with dates, long numbers and full-width text', async (name) => {
    expect(await listSheets(fixture(name))).toEqual([{ index: 0, name: '说明' }, { index: 1, name: '卡密' }]);
    expect(table(await readAll(fixture(name), { sheet: 1 }))).toEqual(LEGACY);
  });

  it('reads an xlsx written by SheetJS with ISO date cells (through the xlsx reader)', async () => {
    expect(table(await readAll(fixture('sheetjs-dates.xlsx'), { sheet: 1 }))).toEqual(LEGACY);
  });

  it.each(['lo-source.xls', 'lo-source.ods'])('%s (written by LibreOffice)', async (name) => {
    expect(table(await readAll(fixture(name)))).toEqual([
      [1, ['卡号', '卡密', '有效期', '面值']],
      [2, ['6225880012345680000!', 'SEC-0001', '2027-06-30', '30']],
      [3, ['C0002', 'SEC-0002', '2027-12-31', '50']],
    ]);
  });

  it('reads an HTML-table "xls" in GBK and keeps a long digit string as text', async () => {
    expect(table(await readAll(fixture('html-export.xls')))).toEqual([
      [1, ['卡号', '卡密']],
      [2, ['6225880012345678901', 'SEC-0001']], // text in the file: exact, not flagged
    ]);
  });

  it('refuses a sheet index that does not exist', async () => {
    expect((await failure(() => readAll(fixture('legacy.xls'), { sheet: 2 }))).code).toBe('IMPORT_SHEET_NOT_FOUND');
  });

  it('refuses an .xls over the in-memory limit without reading it', async () => {
    const dir = tempDir();
    const path = join(dir, 'huge.xls');
    // A sparse file: the size is what counts; the OLE magic makes it an xls by content.
    writeFileSync(path, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    truncateSync(path, MAX_IN_MEMORY_BYTES + 1);
    expect((await failure(() => readAll({ path }))).code).toBe('IMPORT_FILE_TOO_LARGE');
  });

  it.each([
    ['garbage after the OLE magic', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 0xab)]), 'broken.xls'],
    ['a truncated .xls', () => readFileSync(FIXTURES + 'legacy.xls').subarray(0, 2000), 'cut.xls'],
    ['a truncated .ods', () => readFileSync(FIXTURES + 'legacy.ods').subarray(0, 5000), 'cut.ods'],
  ])('reports %s as corrupt, in Chinese', async (_label, bytes, name) => {
    const path = join(tempDir(), name);
    writeFileSync(path, bytes());
    const err = await failure(() => readAll({ path }, { sheet: 1 }));
    expect(err.code).toBe('IMPORT_CORRUPT_FILE');
    expect(err.message).not.toMatch(/[A-Za-z]{4,}/);
  });
});

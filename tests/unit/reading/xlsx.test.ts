import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSheets } from '../../../src-main/core/inventory/reading/index.js';
import { exceljsSafeXml } from '../../../src-main/core/inventory/reading/xlsx-xml-fix.js';
import { openZip } from '../../../src-main/core/inventory/reading/zip.js';
import { FIXTURES, failure, fixture, readAll, table, tempDir } from './helpers.js';

describe('xlsx (exceljs streaming reader)', () => {
  it('lists the sheets in workbook order', async () => {
    expect(await listSheets(fixture('supplier.xlsx'))).toEqual([{ index: 0, name: '说明' }, { index: 1, name: '卡密' }]);
  });

  it('reads the data sheet with every cell kind as the merchant sees it', async () => {
    expect(table(await readAll(fixture('supplier.xlsx'), { sheet: 1 }))).toEqual([
      [1, ['XX影视会员 月卡 2026年11月批次']], // merged title: value in the first cell only
      // row 2 is blank and not emitted
      [3, ['卡号', '卡密(必填)', '有效期', '面值', '备注']],
      // rich text joined; formula → cached result; Date cell → calendar day; hyperlink → its text
      [4, ['CARD0001', 'SEC-0001', '2027-06-30', '30', '查看说明']],
      // 19-digit card number stored as a number: flagged; full-width + U+3000 padding normalised
      [5, ['6225880012345680000!', 'ABCD-1234', '2027/6/30', '30.5', '全角 备注']],
      // a date-formatted formula result is a date too; the empty note is trimmed off
      [6, ['C0003', 'SEC-0003', '2027-12-31', '30']],
      [7, ['C0004', 'SEC-0004', '2027-06-30 23:59:59', '0.3', 'TRUE']],
      [8, ['合计', '', '', '90.8']],
    ]);
  });

  it('reads the first sheet by default', async () => {
    // (the full-width comma folds to ',' like every full-width ASCII character; 。 is not in that block)
    expect(table(await readAll(fixture('supplier.xlsx')))).toEqual([[1, ['本文件为11月批次卡密,请妥善保管。数据在第二个工作表。']]]);
  });

  it('keeps every run of inline rich text (exceljs alone keeps only the last)', async () => {
    expect(table(await readAll(fixture('inline-strings.xlsx')))).toEqual([
      [1, ['卡号', '卡密']],
      [2, ['C0001', 'ABCD']],
      [3, ['C0002', '中文卡密']],
    ]);
  });

  it('reads a LibreOffice-written xlsx', async () => {
    expect(table(await readAll(fixture('lo-source.xlsx')))).toEqual([
      [1, ['卡号', '卡密', '有效期', '面值']],
      [2, ['6225880012345680000!', 'SEC-0001', '2027-06-30', '30']],
      [3, ['C0002', 'SEC-0002', '2027-12-31', '50']],
    ]);
  });

  it('reads an Open XML SDK file (prefixed elements, absolute part paths)', async () => {
    expect(await listSheets(fixture('prefixed.xlsx'))).toEqual([{ index: 0, name: '卡密导出' }]);
    expect(table(await readAll(fixture('prefixed.xlsx')))).toEqual([[1, ['卡号', '卡密']], [2, ['C0001', 'SEC-0001']]]);
  });

  it('reads a minimal writer\'s file without row/cell positions, keeping the empty row\'s number', async () => {
    expect(table(await readAll(fixture('no-refs.xlsx')))).toEqual([[1, ['卡号', '卡密']], [3, ['C0001', 'SEC-0001']]]);
  });

  it('yields only the header of a header-only sheet', async () => {
    expect(table(await readAll(fixture('header-only.xlsx')))).toEqual([[1, ['卡号', '卡密', '有效期']]]);
  });

  it('refuses a sheet index that does not exist', async () => {
    const err = await failure(() => readAll(fixture('supplier.xlsx'), { sheet: 5 }));
    expect(err).toMatchObject({ code: 'IMPORT_SHEET_NOT_FOUND', details: { sheet: 5, sheets: ['说明', '卡密'] } });
  });

  it('reports a truncated download as corrupt, for listing and for reading', async () => {
    expect((await failure(() => listSheets(fixture('truncated.xlsx')))).code).toBe('IMPORT_CORRUPT_FILE');
    expect((await failure(() => readAll(fixture('truncated.xlsx'), { sheet: 1 }))).code).toBe('IMPORT_CORRUPT_FILE');
  });

  it('reports damaged sheet data as corrupt, in Chinese', async () => {
    const dir = tempDir();
    const path = join(dir, 'damaged.xlsx');
    copyFileSync(FIXTURES + 'supplier.xlsx', path);
    const zip = await openZip(path, readFileSync(path).length);
    const sheet = zip.entries.get('xl/worksheets/sheet2.xml')!;
    const bytes = readFileSync(path);
    // Overwrite the middle of the sheet's deflate data (past its 30-byte local header and name).
    bytes.fill(0xff, sheet.localHeaderOffset + 60, sheet.localHeaderOffset + 60 + Math.min(200, sheet.compressedSize - 40));
    writeFileSync(path, bytes);
    const err = await failure(() => readAll({ path }, { sheet: 1 }));
    expect(err.code).toBe('IMPORT_CORRUPT_FILE');
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    expect(err.message).not.toMatch(/Error|invalid|zlib/i);
  });

  it('refuses a password-protected xlsx (an OLE file with EncryptedPackage)', async () => {
    expect((await failure(() => listSheets(fixture('encrypted.xlsx')))).code).toBe('IMPORT_PASSWORD_PROTECTED');
    expect((await failure(() => readAll(fixture('encrypted.xlsx')))).code).toBe('IMPORT_PASSWORD_PROTECTED');
  });
});

describe('exceljsSafeXml (what exceljs would misread)', () => {
  async function run(parts: string[]): Promise<string> {
    async function* chunks() {
      yield* parts;
    }
    let out = '';
    for await (const s of exceljsSafeXml(chunks())) out += s;
    return out;
  }

  it('merges inline runs and drops phonetic guides, also across chunk boundaries', async () => {
    const xml = '<c r="A1" t="inlineStr"><is><r><t>AB</t></r><r><rPr><b/></rPr><t xml:space="preserve">CD</t></r></is></c><si><t>卡密</t><rPh sb="0" eb="2"><t>カミツ</t></rPh></si>';
    const expected = '<c r="A1" t="inlineStr"><is><t xml:space="preserve">ABCD</t></is></c><si><t>卡密</t></si>';
    expect(await run([xml])).toBe(expected);
    for (const cut of [5, 30, 37, 60, 95, 130, 150]) expect(await run([xml.slice(0, cut), xml.slice(cut)])).toBe(expected);
  });

  it('drops the namespace prefix the Open XML SDK writes, also when a tag is cut between chunks', async () => {
    const xml = '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>K1</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>';
    const expected = '<?xml version="1.0"?><worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>K1</t></is></c></row></sheetData></worksheet>';
    for (const cut of [3, 50, 110, 112, 140]) expect(await run([xml.slice(0, cut), xml.slice(cut)])).toBe(expected);
  });

  it('fills in missing row and cell positions, continuing from explicit ones', async () => {
    const xml = '<sheetData><row><c t="str"><v>a</v></c><c/><c r="E1"><v>1</v></c><c><v>2</v></c></row><row ht="15"><c><v>3</v></c></row><row r="9"><c><v>4</v></c></row></sheetData>';
    expect(await run([xml.slice(0, 40), xml.slice(40)])).toBe(
      '<sheetData><row r="1"><c r="A1" t="str"><v>a</v></c><c r="B1"/><c r="E1"><v>1</v></c><c r="F1"><v>2</v></c></row><row r="2" ht="15"><c r="A2"><v>3</v></c></row><row r="9"><c r="A9"><v>4</v></c></row></sheetData>',
    );
  });

  it('turns ISO date cells (t="d") into written dates instead of exceljs\'s 1905', async () => {
    const xml = '<row r="2"><c r="C2" s="1" t="d"><v>2027-06-30T00:00:00Z</v></c><c r="D2" t="d"><v>2027-06-30T23:59:59.000</v></c></row>';
    const expected = '<row r="2"><c r="C2" s="1" t="str"><v>2027-06-30</v></c><c r="D2" t="str"><v>2027-06-30 23:59:59</v></c></row>';
    for (const cut of [15, 30, 45, 60]) expect(await run([xml.slice(0, cut), xml.slice(cut)])).toBe(expected);
  });

  it('leaves plain inline strings and other XML untouched', async () => {
    const xml = '<row r="1"><c r="A1" t="inlineStr"><is><t>plain</t></is></c><c r="B1"><v>3</v></c></row>';
    expect(await run([xml.slice(0, 20), xml.slice(20)])).toBe(xml);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { detectFormat } from '../../../src-main/core/inventory/reading/index.js';
import { FIXTURES, failure } from './helpers.js';

/** What the import pipeline hands over: the first 64 KB and the name the merchant's file had. */
const head = (name: string) => readFileSync(FIXTURES + name).subarray(0, 65_536);

describe('detectFormat by content', () => {
  it.each([
    ['supplier.xlsx', 'xlsx'],
    ['inline-strings.xlsx', 'xlsx'], // exceljs streaming writer: theme first, no sharedStrings
    ['lo-source.xlsx', 'xlsx'], // LibreOffice's part order
    ['truncated.xlsx', 'xlsx'], // the head is fine; the reader finds the missing end
    ['prefixed.xlsx', 'xlsx'],
    ['no-refs.xlsx', 'xlsx'],
    ['sheetjs-dates.xlsx', 'xlsx'],
    ['legacy.xls', 'xls'],
    ['lo-source.xls', 'xls'],
    ['renamed-xls.xlsx', 'xls'], // an .xls renamed .xlsx: the content decides
    ['html-export.xls', 'xls'], // a web back-end's HTML table named .xls
    ['legacy.ods', 'ods'],
    ['lo-source.ods', 'ods'],
    ['gbk.csv', 'csv'],
    ['big5.csv', 'csv'],
    ['utf8-bom.csv', 'csv'],
    ['utf8-semicolon.csv', 'csv'],
    ['comma.txt', 'csv'], // consistent columns are csv whatever the extension
    ['tab.txt', 'csv'],
    ['unicode-text.txt', 'csv'], // Excel "Unicode text": UTF-16LE, tab-separated
    ['dashes.txt', 'txt'],
    ['pipe.txt', 'txt'],
    ['spaces.txt', 'txt'],
    ['labels.txt', 'txt'],
    ['one-per-line.txt', 'txt'],
  ])('%s → %s', (name, format) => {
    expect(detectFormat(head(name), name)).toBe(format);
  });

  it('uses the extension only to settle a single column', () => {
    const oneColumn = Buffer.from('SEC-0001\nSEC-0002\n');
    expect(detectFormat(oneColumn, 'keys.csv')).toBe('csv');
    expect(detectFormat(oneColumn, 'keys.txt')).toBe('txt');
    expect(detectFormat(oneColumn)).toBe('txt');
    // A ---- file stays txt even when named .csv.
    expect(detectFormat(Buffer.from('C1----S1\nC2----S2\n'), 'keys.csv')).toBe('txt');
  });

  it('reads the shape of GBK text without a BOM', () => {
    expect(detectFormat(iconv.encode('卡号,卡密\r\nC1,测试\r\n', 'gbk'), 'x.txt')).toBe('csv');
    expect(detectFormat(iconv.encode('卡号：C1 密码：S1\r\n卡号：C2 密码：S2\r\n', 'gbk'))).toBe('txt');
  });
});

describe('detectFormat refusals', () => {
  it.each([
    ['empty.csv', 'IMPORT_EMPTY_FILE'],
    ['random.bin', 'IMPORT_NOT_SPREADSHEET'],
    ['encrypted.xlsx', 'IMPORT_PASSWORD_PROTECTED'],
  ])('%s → %s', async (name, code) => {
    expect((await failure(() => detectFormat(head(name), name))).code).toBe(code);
  });

  it.each([
    ['only whitespace and a BOM', Buffer.from('\uFEFF \r\n\u3000\n'), 'IMPORT_EMPTY_FILE'],
    ['a PDF', Buffer.from('%PDF-1.7\n...'), 'IMPORT_NOT_SPREADSHEET'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'IMPORT_NOT_SPREADSHEET'],
    ['an HTML page without a table', Buffer.from('<!DOCTYPE html><html><body>hello</body></html>'), 'IMPORT_NOT_SPREADSHEET'],
    ['text with NUL bytes', Buffer.from('abc\u0000def'), 'IMPORT_NOT_SPREADSHEET'],
    ['an empty zip', Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]), 'IMPORT_NOT_SPREADSHEET'],
  ])('%s → %s', async (_label, bytes, code) => {
    expect((await failure(() => detectFormat(bytes, 'x.csv'))).code).toBe(code);
  });

  it('refuses a Word document in a zip, and an .xlsb with a clear message', async () => {
    const local = (name: string) => {
      const h = Buffer.alloc(30);
      h.writeUInt32LE(0x04034b50, 0);
      h.writeUInt16LE(Buffer.byteLength(name), 26);
      return Buffer.concat([h, Buffer.from(name)]);
    };
    expect((await failure(() => detectFormat(Buffer.concat([local('[Content_Types].xml'), local('word/document.xml')])))).code).toBe('IMPORT_NOT_SPREADSHEET');
    const xlsb = await failure(() => detectFormat(Buffer.concat([local('[Content_Types].xml'), local('xl/workbook.bin')])));
    expect(xlsb.code).toBe('IMPORT_NOT_SPREADSHEET');
    expect(xlsb.message).toContain('.xlsb');
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSheets, MAX_CELL_CHARS } from '../../../src-main/core/inventory/reading/index.js';
import { lines } from '../../../src-main/core/inventory/reading/txt-reader.js';
import { failure, fixture, readAll, table, tempDir } from './helpers.js';

describe('csv', () => {
  it('reads Chinese Excel CSV (GBK, CRLF, no BOM) with true row numbers, quotes and the footer kept', async () => {
    expect(table(await readAll(fixture('gbk.csv')))).toEqual([
      [1, ['XX影视会员 月卡 2026年11月批次']],
      // line 2 (",,,,") is blank and not emitted
      [3, ['卡号', '卡密', '有效期', '面值', '备注']],
      [4, ['C0001', 'SEC-0001', '2027/6/30', '30', '首批到货']],
      [5, ['C0002', 'SEC-0002', '2027/6/30', '30', '含逗号,的备注']],
      // the sheet held the card number as a number; Excel exported it as displayed: flagged
      [6, ['6.22588E+18!', 'SEC-0003', '2027/6/30', '30', '卡号在Excel里是数字']],
      [7, ['合计', '', '', '90']],
    ]);
  });

  it.each([
    ['utf8-bom.csv', [[1, ['卡号', '卡密', '备注']], [2, ['C0001', 'SEC-0001', '带BOM的UTF-8']], [3, ['C0002', 'SEC-0002', '第二行']]]],
    ['utf8-semicolon.csv', [[1, ['卡号', '卡密', '面值']], [2, ['C0001', 'SEC-0001', '30']], [3, ['C0002', 'SEC-0002', '50']]]],
    ['big5.csv', [[1, ['卡號', '卡密', '備註']], [2, ['C0001', 'SEC-0001', '繁體中文備註']], [3, ['C0002', 'SEC-0002', '第二行備註']]]],
    ['unicode-text.txt', [[1, ['卡号', '卡密']], [2, ['C0001', 'SEC-0001']]]],
    ['duplicate-columns.csv', [[1, ['卡号', '卡密', '卡密', '备注']], [2, ['C0001', 'SEC-0001', 'OLD-0001', '换过卡密']]]],
    ['bad-dates.csv', [[1, ['卡密', '有效期']], [2, ['SEC-0001', '2027-02-30']], [3, ['SEC-0002', '2027-13-01']], [4, ['SEC-0003', '明年']], [5, ['SEC-0004', '2027年6月30日']]]],
  ])('%s', async (name, expected) => {
    expect(table(await readAll(fixture(name)))).toEqual(expected);
  });

  it('numbers a record by the line it starts on when a quoted field spans lines', async () => {
    expect(table(await readAll(fixture('multiline.csv')))).toEqual([
      [1, ['卡号', '卡密', '备注']],
      [2, ['C0001', 'SEC-0001', '第一行\n第二行']],
      [4, ['C0002', 'SEC-0002', '普通']],
    ]);
  });

  it('refuses unbalanced quotes, naming the line where the quote opened', async () => {
    const err = await failure(() => readAll(fixture('unbalanced-quotes.csv')));
    expect(err.code).toBe('IMPORT_CORRUPT_FILE');
    expect(err.details).toEqual({ row: 3, reason: '引号不成对' });
    expect(err.message).toContain('第 3 行');
  });

  it('stops an unclosed quote at 1,000,000 characters instead of reading the whole file into one cell', async () => {
    const dir = tempDir();
    const lines = Array.from({ length: 100_000 }, (_, i) => `C${i},SEC-${i}`);
    writeFileSync(join(dir, 'q.csv'), `卡号,卡密\nC0,"SEC-0\n${lines.join('\n')}\n`);
    const err = await failure(() => readAll({ path: join(dir, 'q.csv') }));
    expect(err).toMatchObject({ code: 'IMPORT_CORRUPT_FILE', details: { row: 2, reason: '引号不成对' } });
    // One line of 1.2 million characters is not a quote problem.
    writeFileSync(join(dir, 'wide.csv'), `卡号,卡密\nC0,${'x'.repeat(1_200_000)}\n`);
    expect(await failure(() => readAll({ path: join(dir, 'wide.csv') }))).toMatchObject({ code: 'IMPORT_CORRUPT_FILE', details: { row: 2, reason: '单行内容过长' } });
  });

  it('keeps a mostly-UTF-8 file UTF-8 and marks the one GBK line with U+FFFD, so only that row is rejected', async () => {
    const rows = await readAll(fixture('mixed-encoding.csv'));
    expect(rows).toHaveLength(11);
    expect(table(rows)[1]).toEqual([2, ['C0001', 'SEC-1', '正常的中文备注']]);
    expect(rows.filter((r) => r.cells.some((c) => c.text.includes('\uFFFD'))).map((r) => r.row)).toEqual([7]);
    expect(rows[6]!.cells.slice(0, 2).map((c) => c.text)).toEqual(['C0006', 'SEC-6']);
  });

  it('cuts a 20,000-character cell to MAX_CELL_CHARS + 1 and reads on', async () => {
    const rows = await readAll(fixture('long-cell.csv'));
    expect(rows[1]!.cells[1]!.text).toHaveLength(MAX_CELL_CHARS + 1);
    expect(table(rows)[2]).toEqual([3, ['C0002', 'SEC-0002']]);
  });

  it('is one sheet named after the file', async () => {
    expect(await listSheets(fixture('gbk.csv'))).toEqual([{ index: 0, name: 'gbk' }]);
    expect((await failure(() => readAll(fixture('gbk.csv'), { sheet: 1 }))).code).toBe('IMPORT_SHEET_NOT_FOUND');
  });
});

describe('txt', () => {
  it.each([
    ['dashes.txt', [[1, ['C0001', 'SEC-0001']], [2, ['C0002', 'SEC-0002']], [4, ['C0003', 'SEC-0003']]]],
    ['pipe.txt', [[1, ['C0001', 'SEC-0001']], [2, ['C0002', 'SEC-0002']], [3, ['C0003', 'SEC-0003']]]],
    ['spaces.txt', [[1, ['C0001', 'SEC-0001']], [2, ['C0002', 'SEC-0002']], [3, ['C0003', 'SEC-0003']]]],
    ['tab.txt', [[1, ['C0001', 'SEC-0001']], [2, ['C0002', 'SEC-0002']]]],
    ['comma.txt', [[1, ['C0001', 'SEC-0001']], [2, ['C0002', 'SEC-0002']]]],
    ['labels.txt', [[1, ['C0001', 'SEC-0001']], [2, ['C0002', 'SEC-0002']], [3, ['C0003', 'SEC-0003']], [4, ['', 'SEC-0004']]]],
    ['one-per-line.txt', [[1, ['SEC-0001']], [2, ['SEC-0002']], [3, ['SEC-0003']]]],
  ])('%s', async (name, expected) => {
    expect(table(await readAll(fixture(name)))).toEqual(expected);
  });

  it('reads pasted text the same way, as one sheet', async () => {
    const pasted = { text: '卡号：C1　密码：S1\n\n卡号：C2　密码：S2\n', name: '粘贴' };
    expect(table(await readAll(pasted))).toEqual([[1, ['C1', 'S1']], [3, ['C2', 'S2']]]);
    expect(await listSheets(pasted)).toEqual([{ index: 0, name: '粘贴' }]);
    expect(table(await readAll({ text: 'A1\tB1\nA2\tB2' }))).toEqual([[1, ['A1', 'B1']], [2, ['A2', 'B2']]]);
  });

  it('keeps the separator chosen from the first lines for the whole file', async () => {
    const dir = tempDir();
    const body = Array.from({ length: 300 }, (_, i) => `C${i}----S${i}`).concat(['C300,S300 with,commas']).join('\n');
    writeFileSync(join(dir, 'k.txt'), body);
    const rows = table(await readAll({ path: join(dir, 'k.txt') }));
    expect(rows).toHaveLength(301);
    expect(rows[299]).toEqual([300, ['C299', 'S299']]);
    expect(rows[300]).toEqual([301, ['C300,S300 with,commas']]);
  });

  it('refuses a line of over a million characters instead of holding it', async () => {
    const path = join(tempDir(), 'wide.txt');
    writeFileSync(path, `SEC-1\n${'x'.repeat(1_200_000)}\nSEC-3\n`);
    expect(await failure(() => readAll({ path }))).toMatchObject({ code: 'IMPORT_CORRUPT_FILE', details: { row: 2, reason: '单行内容过长' } });
  });

  it('splits lines correctly when \\r\\n falls across two chunks', async () => {
    async function* chunks() {
      yield 'a\r';
      yield '\nb\r';
      yield 'c\n\r\nd';
    }
    const out = [];
    for await (const l of lines(chunks())) out.push([l.number, l.text]);
    expect(out).toEqual([[1, 'a'], [2, 'b'], [3, 'c'], [4, ''], [5, 'd']]);
  });
});

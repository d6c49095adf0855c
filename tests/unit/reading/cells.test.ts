import { describe, expect, it } from 'vitest';
import { dateCell, isDateFormat, numberCell, plainDecimal, textCell, textFileCell } from '../../../src-main/core/inventory/reading/cells.js';
import { MAX_CELL_CHARS, normaliseCell } from '../../../src-main/core/inventory/reading/index.js';

describe('normaliseCell', () => {
  it.each([
    ['  ABC  ', 'ABC'],
    ['\u3000ABCD\u3000', 'ABCD'], // full-width space padding
    ['\u00A0ABCD\u00A0', 'ABCD'], // NBSP from web pages
    ['AB\u200BCD\uFEFF', 'ABCD'], // zero-width characters inside a key
    ['ＡＢＣ１２３', 'ABC123'], // full-width letters and digits
    ['ＳＥＣ－０００１', 'SEC-0001'],
    ['卡号：１２３，备注', '卡号:123,备注'], // full-width punctuation folds, Chinese stays
    ['【月卡】激活码。', '【月卡】激活码。'], // Chinese punctuation outside the full-width ASCII block stays
    ['全角\u3000空格', '全角 空格'],
    ['￥30', '¥30'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseCell(input)).toBe(expected);
  });
});

describe('textCell', () => {
  it('cuts a huge cell to one character past the limit, so "too long" stays detectable', () => {
    expect(textCell('x'.repeat(20_000)).text).toHaveLength(MAX_CELL_CHARS + 1);
    expect(textCell('x'.repeat(MAX_CELL_CHARS)).text).toHaveLength(MAX_CELL_CHARS);
  });
});

describe('textFileCell', () => {
  it.each([
    ['6.22588E+18', true], // Excel's CSV export of a 19-digit number held as a number
    ['1.23457E+15', true],
    ['1.23457E+14', false], // 15 digits: Excel kept them all
    ['SEC-1E+20', false],
    ['6225880012345678901', false], // written as text: exact
  ])('%j unsafe: %s', (text, unsafe) => {
    expect(textFileCell(text).unsafeNumber === true).toBe(unsafe);
  });
});

describe('numberCell', () => {
  it.each([
    [30, '30', false],
    [30.5, '30.5', false],
    [0.1 + 0.2, '0.3', false], // what Excel shows, not the binary residue
    [-0, '0', false],
    [1.5e-7, '0.00000015', false],
    [123456789012345, '123456789012345', false], // 15 digits: exact in Excel
    [Number('6225880012345678901'), '6225880012345680000', true], // a card number stored as a number: digits already lost
    [6225880012345670000, '6225880012345670000', true], // Excel keeps 15 digits and pads with zeros
    [1e21, '1000000000000000000000', true], // never "1e+21"
    [Number.NaN, '', false],
  ])('%d → %j (unsafe: %s)', (value, text, unsafe) => {
    const cell = numberCell(value);
    expect(cell.text).toBe(text);
    expect(cell.unsafeNumber === true).toBe(unsafe);
  });

  it.each([
    ['6.22588001234568e+18', '6225880012345680000'],
    ['1.5e-7', '0.00000015'],
    ['-2.5e+3', '-2500'],
    ['42', '42'],
  ])('plainDecimal(%j) = %j', (repr, out) => {
    expect(plainDecimal(repr)).toBe(out);
  });
});

describe('dateCell', () => {
  it('uses the UTC fields (Excel calendar value), with a time only when there is one', () => {
    expect(dateCell(new Date(Date.UTC(2027, 5, 30))).text).toBe('2027-06-30');
    expect(dateCell(new Date(Date.UTC(2027, 5, 30, 23, 59, 59))).text).toBe('2027-06-30 23:59:59');
    // A serial's binary fraction lands just short of the second.
    expect(dateCell(new Date(Date.UTC(2027, 5, 30, 23, 59, 58, 999))).text).toBe('2027-06-30 23:59:59');
    expect(dateCell(new Date(Number.NaN)).text).toBe('');
  });

  it.each([
    ['yyyy-mm-dd', true],
    ['yyyy"年"m"月"d"日"', true],
    ['[$-804]yyyy/m/d', true],
    ['h:mm:ss', true],
    ['General', false],
    ['0.00"元"', false], // the quoted text is not a format code
    ['#,##0;[Red]-#,##0', false],
    [undefined, false],
  ])('isDateFormat(%j) = %s', (format, expected) => {
    expect(isDateFormat(format)).toBe(expected);
  });
});

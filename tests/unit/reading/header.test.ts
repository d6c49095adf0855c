import { describe, expect, it } from 'vitest';
import { detectHeader, isFooterRow, type RawRow } from '../../../src-main/core/inventory/reading/index.js';

/** Rows from plain arrays; row numbers follow the array unless a row is given as [number, cells]. */
function rows(...lines: (string[] | [number, string[]])[]): RawRow[] {
  return lines.map((line, i) => {
    const [row, cells] = typeof line[0] === 'number' ? (line as [number, string[]]) : [i + 1, line as string[]];
    return { row, cells: cells.map((text) => ({ text })) };
  });
}

const fieldsOf = (r: RawRow[]) => detectHeader(r).columns.map((c) => c.field);

describe('detectHeader with a header row', () => {
  it('passes over a merged title row and a blank row to the header', () => {
    const guess = detectHeader(rows([1, ['XX影视会员 月卡 2026年11月批次']], [3, ['卡号', '卡密', '有效期', '面值', '备注']], [4, ['C1', 'S1', '2027-06-30', '30', '']]));
    expect(guess.headerRow).toBe(3);
    expect(guess.firstDataRow).toBe(4);
    expect(guess.columns).toEqual([
      { index: 0, header: '卡号', field: 'cardNo', confidence: 'header' },
      { index: 1, header: '卡密', field: 'secret', confidence: 'header' },
      { index: 2, header: '有效期', field: 'expiry', confidence: 'header' },
      { index: 3, header: '面值', field: 'faceValue', confidence: 'header' },
      { index: 4, header: '备注', field: 'note', confidence: 'header' },
    ]);
  });

  it.each([
    [['卡号', '卡密'], ['cardNo', 'secret']],
    [['账号', '密码'], ['cardNo', 'secret']],
    [['帐号', '激活码'], ['cardNo', 'secret']],
    [['序列号', '兑换码', '到期时间'], ['cardNo', 'secret', 'expiry']],
    [['卡号/账号', '卡密/密码', '过期时间'], ['cardNo', 'secret', 'expiry']],
    [['*卡号', '卡密(必填)', '有效期至（北京时间）'], ['cardNo', 'secret', 'expiry']],
    [['card_no', 'password', 'expire'], ['cardNo', 'secret', 'expiry']],
    [['Card Number', 'Redeem Code', 'Valid Until', 'Face Value', 'Memo'], ['cardNo', 'secret', 'expiry', 'faceValue', 'note']],
    [[' CDKEY ', 'Expiration', 'Denomination'], ['secret', 'expiry', 'faceValue']],
    [['SN', 'PWD', 'amount', 'remark'], ['cardNo', 'secret', 'faceValue', 'note']],
    [['卡號', '密碼', '備註'], ['cardNo', 'secret', 'note']], // traditional characters
    [['序号', '卡密', '商品'], [null, 'secret', null]], // 序号 is a row counter, not a card number
    [['商品名称', '卡密信息', '商品面值'], [null, 'secret', 'faceValue']], // a longer header naming one field
    [['卡密', '卡密备注'], ['secret', null]], // names two fields: left alone
    [['截止日期', '金额', '说明'], ['expiry', 'faceValue', 'note']],
  ])('%j → %j', (header, fields) => {
    expect(fieldsOf(rows(header, header.map(() => 'x')))).toEqual(fields);
  });

  it('gives a duplicated column no field and names the column it duplicates', () => {
    const guess = detectHeader(rows(['卡号', '卡密', '卡密', '备注'], ['C1', 'S1', 'OLD1', '']));
    expect(guess.columns[1]).toEqual({ index: 1, header: '卡密', field: 'secret', confidence: 'header' });
    expect(guess.columns[2]).toEqual({ index: 2, header: '卡密', field: null, confidence: 'none', duplicateOf: 1 });
  });

  it('recognises an unknown header over a column of dates as the expiry, by content', () => {
    const guess = detectHeader(rows(['卡密', '日期'], ['S1', '2027-06-30'], ['S2', '2027/7/1']));
    expect(guess.columns[1]).toEqual({ index: 1, header: '日期', field: 'expiry', confidence: 'content' });
  });

  it('covers columns wider than the header row and reports a header-only sheet', () => {
    expect(detectHeader(rows(['卡密'], ['S1', 'extra'])).columns).toHaveLength(2);
    const only = detectHeader(rows(['卡号', '卡密', '有效期']));
    expect(only.headerRow).toBe(1);
    expect(only.firstDataRow).toBeNull();
  });

  it('looks no further than the first 30 rows for the header', () => {
    const filler = Array.from({ length: 30 }, (_, i) => [`note ${i}`]);
    expect(detectHeader(rows(...filler, ['卡号', '卡密'])).headerRow).toBeNull();
  });
});

describe('detectHeader without a header', () => {
  it('takes the two key-like columns as 卡号 + 卡密 and the dates as the expiry', () => {
    const guess = detectHeader(rows(['6225880000000001', 'A1B2C3D4E5', '2027-06-30', '30'], ['6225880000000002', 'F6G7H8J9K0', '2027-06-30', '30']));
    expect(guess.headerRow).toBeNull();
    expect(guess.columns).toEqual([
      { index: 0, header: '', field: 'cardNo', confidence: 'content' },
      { index: 1, header: '', field: 'secret', confidence: 'content' },
      { index: 2, header: '', field: 'expiry', confidence: 'content' },
      { index: 3, header: '', field: null, confidence: 'none' }, // 30, 30: repeats, not keys
    ]);
  });

  it('takes a single key-like column as the 卡密', () => {
    expect(fieldsOf(rows(['XKCD-1234-ABCD'], ['QWER-5678-ZXCV']))).toEqual(['secret']);
    expect(fieldsOf(rows(['SEC-0001', '首批'], ['SEC-0002', '第二批']))).toEqual(['secret', null]);
  });

  it('skips a title row and a footer when judging content', () => {
    const guess = detectHeader(rows(['XX影视会员 月卡 2026年11月批次'], ['C0001', 'SEC-0001'], ['C0002', 'SEC-0002'], ['合计', '2']));
    expect(guess.firstDataRow).toBe(2);
    expect(guess.columns.map((c) => c.field)).toEqual(['cardNo', 'secret']);
  });

  it('does not take Chinese text for keys, nor bare numbers for dates', () => {
    expect(fieldsOf(rows(['张三', '46568'], ['李四', '46568']))).toEqual([null, null]);
    expect(fieldsOf(rows(['张三', '46568'], ['李四', '46569']))).toEqual([null, 'secret']);
  });
});

describe('isFooterRow', () => {
  it.each([
    [['合计', '', '', '90'], true],
    [['总计：100张'], true],
    [['', '小计', '30'], true],
    [['共 100 条'], true],
    [['共100张卡密'], true],
    [['Total', '100'], true],
    [['C0001', 'SEC-0001'], false],
    [['共享账号', 'SEC'], false],
    [[], false],
  ])('%j → %s', (cells, expected) => {
    expect(isFooterRow({ row: 9, cells: cells.map((text) => ({ text })) })).toBe(expected);
  });
});

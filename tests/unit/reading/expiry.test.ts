import { describe, expect, it } from 'vitest';
import { parseExpiry } from '../../../src-main/core/inventory/reading/index.js';

/** 2027-06-30 23:59:59.999 in Asia/Shanghai = 15:59:59.999 UTC the same day. */
const END_OF_2027_06_30 = Date.parse('2027-06-30T15:59:59.999Z');

describe('parseExpiry', () => {
  it.each([
    '2027-06-30',
    '2027/6/30',
    '2027.6.30',
    '2027-06-30 23:59:59',
    '2027-06-30 00:00:00', // the time is not used: the whole day counts
    '2027/6/30 8:05',
    '2027-06-30T12:00:00',
    '2027年6月30日',
    '2027年6月30日 23:59:59',
    '2027年06月30',
    '20270630',
    '46568', // Excel serial, 1900 date system
    '46568.75', // serial with a time fraction
    '　２０２７－０６－３０　', // full-width digits and padding from a pasted cell
  ])('%j is the China calendar day 2027-06-30', (text) => {
    expect(parseExpiry(text)).toEqual({ ok: true, day: '2027-06-30', endMs: END_OF_2027_06_30 });
  });

  it('ends the day at 23:59:59.999 China time whatever the machine time zone', () => {
    const r = parseExpiry('2028-02-29');
    expect(r).toEqual({ ok: true, day: '2028-02-29', endMs: Date.UTC(2028, 1, 29, 23, 59, 59, 999) - 8 * 3_600_000 });
  });

  it.each([
    ['60', '无法识别的日期：60'], // a small number is not a date
    ['32873', '无法识别的日期：32873'], // 1989-12-31: implausible serial
    ['73416', '无法识别的日期：73416'], // 2101-01-01
    ['32874', null], // 1990-01-01: first plausible serial
    ['73415', null], // 2100-12-31: last plausible serial
  ])('serial range: %j', (text, reason) => {
    const r = parseExpiry(text);
    if (reason === null) expect(r.ok).toBe(true);
    else expect(r).toEqual({ ok: false, reason });
  });

  it.each([
    ['2027-02-30', '日期不存在：2027-02-30'],
    ['2027-13-01', '日期不存在：2027-13-01'],
    ['2027/2/29', '日期不存在：2027-02-29'],
    ['2027年4月31日', '日期不存在：2027-04-31'],
    ['20270231', '日期不存在：2027-02-31'],
    ['2027-00-10', '日期不存在：2027-00-10'],
    ['2207-06-30', '日期超出合理范围：2207-06-30'],
    ['明年', '无法识别的日期：明年'],
    ['6/30/2027', '无法识别的日期：6/30/2027'], // month/day order is ambiguous; refused rather than guessed
    ['2027-06-30 25:00', '无法识别的日期：2027-06-30 25:00'],
    ['', '日期为空'],
  ])('%j is refused: %s', (text, reason) => {
    expect(parseExpiry(text)).toEqual({ ok: false, reason });
  });
});

import { describe, expect, it } from 'vitest';
import { chooseTxtSplitter, splitTxtLine } from '../../../src-main/core/inventory/reading/txt-split.js';

/** Split every line with the separator the whole sample votes for. */
function split(lines: string[]): string[][] {
  const splitter = chooseTxtSplitter(lines).choice;
  return lines.map((l) => splitTxtLine(l, splitter).map((c) => c.trim()));
}

describe('txt separators, decided once per file', () => {
  it.each([
    ['dashes', ['C1----S1', 'C2------S2'], [['C1', 'S1'], ['C2', 'S2']]],
    ['tab', ['C1\tS1', 'C2\tS2'], [['C1', 'S1'], ['C2', 'S2']]],
    ['pipe', ['C1 | S1', 'C2|S2'], [['C1', 'S1'], ['C2', 'S2']]],
    ['comma', ['C1,S1', 'C2,S2'], [['C1', 'S1'], ['C2', 'S2']]],
    ['full-width comma', ['C1，S1', 'C2，S2'], [['C1', 'S1'], ['C2', 'S2']]],
    ['runs of spaces', ['C1    S1', 'C2 S2', '\u3000C3\u3000S3'], [['C1', 'S1'], ['C2', 'S2'], ['C3', 'S3']]],
    ['one key per line', ['SEC-0001', 'SEC-0002'], [['SEC-0001'], ['SEC-0002']]],
  ])('%s', (_label, lines, expected) => {
    expect(split(lines)).toEqual(expected);
  });

  it('does not split a key-per-line file because a few keys contain a comma', () => {
    expect(split(['AAA,1', 'BBB', 'CCC', 'DDD'])).toEqual([['AAA,1'], ['BBB'], ['CCC'], ['DDD']]);
  });

  it('prefers ---- over the spaces inside a title line, and keeps the title whole', () => {
    expect(split(['XX影视会员 月卡 11月批次', 'C1----S1', 'C2----S2'])).toEqual([['XX影视会员 月卡 11月批次'], ['C1', 'S1'], ['C2', 'S2']]);
  });

  it('keeps an empty first column of a tab-separated line', () => {
    expect(split(['\tS1', 'C2\tS2'])).toEqual([['', 'S1'], ['C2', 'S2']]);
  });
});

describe('卡号/密码 labels', () => {
  it('puts 卡号 first and 卡密 second whatever the order and colon width', () => {
    expect(split([
      '卡号:C1 密码:S1',
      '卡号：C2　卡密：S2',
      '卡密：S3 卡号：C3',
      '账号: C4, 激活码: S4',
      '兑换码:S5',
      '帐号:C6----密钥:S6',
    ])).toEqual([['C1', 'S1'], ['C2', 'S2'], ['C3', 'S3'], ['C4', 'S4'], ['', 'S5'], ['C6', 'S6']]);
  });

  it('adds the expiry as a third cell when the file labels one', () => {
    expect(split(['卡号:C1 密码:S1 有效期:2027-06-30 23:59:59', '卡号:C2 密码:S2'])).toEqual([
      ['C1', 'S1', '2027-06-30 23:59:59'],
      ['C2', 'S2', ''],
    ]);
  });

  it('keeps only the key token after a label, and a line without labels whole in the first cell', () => {
    expect(split(['卡号:C1 密码:S1 已售', '卡号:C2 密码:S2', '会员月卡'])).toEqual([['C1', 'S1'], ['C2', 'S2'], ['会员月卡']]);
  });
});

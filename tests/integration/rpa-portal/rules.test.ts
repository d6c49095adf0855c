// The pure rules inside the video-portal flows: which history row is this job's recharge, and what the
// portal's status words mean.
import { describe, expect, it } from 'vitest';
import { findRecharge, parseCardStatus, type HistoryRow } from '../../../src-main/core/rpa/flows/index.js';

const T = Date.parse('2026-12-06T10:00:00+08:00');
const row = (orderNo: string, at: number, account = '13800138000', packageId = 'iqiyi-gold-month'): HistoryRow => ({ orderNo, account, packageId, at });
const query = { account: '13800138000', packageId: 'iqiyi-gold-month', notBefore: T };

describe('findRecharge', () => {
  it.each([
    ['no rows', [], null],
    ['a recharge before notBefore is an earlier order’s', [row('VP1', T - 1)], null],
    ['exactly at notBefore counts', [row('VP1', T)], 'VP1'],
    ['another package does not count', [row('VP1', T + 5, '13800138000', 'iqiyi-gold-year')], null],
    ['another account does not count', [row('VP1', T + 5, '13900139000')], null],
    ['the earliest match wins (history is newest first)', [row('VP3', T + 30), row('VP2', T + 20), row('VP0', T - 10)], 'VP2'],
  ] as const)('%s', (_title, rows, expected) => {
    expect(findRecharge(rows, query)?.orderNo ?? null).toBe(expected);
  });

  it('compares email accounts without case or surrounding spaces', () => {
    expect(findRecharge([row('VP1', T, 'Fan@Example.com')], { ...query, account: ' fan@example.com' })?.orderNo).toBe('VP1');
  });
});

describe('parseCardStatus', () => {
  it.each([
    ['未使用', 'unused'],
    [' 已兑换 ', 'redeemed'],
    ['已使用', 'redeemed'],
    ['无效', 'invalid'],
    ['已失效', 'invalid'],
    ['不存在', 'unknown'],
    ['冻结', undefined],
  ] as const)('%s → %s', (label, status) => {
    expect(parseCardStatus(label)).toBe(status);
  });
});

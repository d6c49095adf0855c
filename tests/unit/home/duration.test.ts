import { describe, expect, it } from 'vitest';
import { enUS } from '../../../src-renderer/src/i18n/en-US/index.js';
import { zhCN } from '../../../src-renderer/src/i18n/zh-CN/index.js';
import { durationText } from '../../../src-renderer/src/screens/home/duration.js';

const say = (dict: Record<string, string>, ms: number) => {
  const { key, vars } = durationText(ms);
  return dict[key]!.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
};

describe('durationText: how long a delivery took, in the owner\'s words', () => {
  const cases: [number, string, string][] = [
    [0, '不到 1 秒', 'under 1 s'],
    [999, '不到 1 秒', 'under 1 s'],
    [1_000, '1 秒', '1 s'],
    [8_001, '8 秒', '8 s'],
    [59_499, '59 秒', '59 s'],
    // 59.5 s rounds to a whole minute, not to 「60 秒」.
    [59_500, '1 分', '1 min'],
    [130_000, '2 分 10 秒', '2 min 10 s'],
    [3_599_400, '59 分 59 秒', '59 min 59 s'],
    [3_599_600, '1 小时', '1 h'],
    [3_900_000, '1 小时 5 分', '1 h 5 min'],
    [86_399_000, '1 天', '1 d'],
    [(2 * 24 + 3) * 3_600_000 + 20 * 60_000, '2 天 3 小时', '2 d 3 h'],
  ];
  it.each(cases)('%i ms → %s / %s', (ms, zh, en) => {
    expect(say(zhCN, ms)).toBe(zh);
    expect(say(enUS, ms)).toBe(en);
  });
});

import { describe, expect, it } from 'vitest';
import type { BarSeriesOption } from 'echarts/charts';
import type { ProfitRow } from '../../../src-shared/contract/methods/reports.js';
import { profitChart } from '../../../src-renderer/src/screens/reports/charts/profit-chart.js';
import { presetRange, toReportFilter, type RangePreset } from '../../../src-renderer/src/screens/reports/filters.js';
import { daysLeftColor, feeRateProblem, formatPercent, marginOf, percentToBp } from '../../../src-renderer/src/screens/reports/numbers.js';

describe('presetRange: the filter bar\'s presets, in Beijing days', () => {
  // 2026-03-01 17:30 UTC is already 2 March 01:30 in Beijing.
  const lateUtc = Date.parse('2026-03-01T17:30:00Z');
  const cases: [RangePreset, number, { from: string; to: string }][] = [
    ['today', lateUtc, { from: '2026-03-02', to: '2026-03-02' }],
    ['yesterday', lateUtc, { from: '2026-03-01', to: '2026-03-01' }],
    ['last7', lateUtc, { from: '2026-02-24', to: '2026-03-02' }],
    ['last30', lateUtc, { from: '2026-02-01', to: '2026-03-02' }],
    ['thisMonth', lateUtc, { from: '2026-03-01', to: '2026-03-02' }],
    ['lastMonth', lateUtc, { from: '2026-02-01', to: '2026-02-28' }],
    ['lastMonth', Date.parse('2026-01-15T04:00:00Z'), { from: '2025-12-01', to: '2025-12-31' }],
    ['lastMonth', Date.parse('2028-03-10T04:00:00Z'), { from: '2028-02-01', to: '2028-02-29' }],
  ];
  it.each(cases)('%s at %d → %o', (preset, now, expected) => {
    expect(presetRange(preset, now)).toEqual(expected);
  });

  it('leaves an empty choice out of the filter (all of them), and keeps a made one', () => {
    expect(toReportFilter({ from: '2026-03-01', to: '2026-03-02', platforms: [], shopIds: [], productIds: [] })).toEqual({ from: '2026-03-01', to: '2026-03-02' });
    expect(toReportFilter({ from: '2026-03-01', to: '2026-03-02', platforms: ['pdd'], shopIds: [3], productIds: [7, 8] })).toEqual({
      from: '2026-03-01', to: '2026-03-02', platforms: ['pdd'], shopIds: [3], productIds: [7, 8],
    });
  });
});

describe('numbers as the reports show them', () => {
  it('毛利率 is profit over what was kept, and none when everything was refunded', () => {
    expect(formatPercent(marginOf({ revenueFen: 10_000, refundFen: 2_000, profitFen: 1_000 }))).toBe('12.5%');
    expect(formatPercent(marginOf({ revenueFen: 10_000, refundFen: 0, profitFen: -1_234 }))).toBe('-12.3%');
    expect(marginOf({ revenueFen: 1_990, refundFen: 1_990, profitFen: -50 })).toBeNull();
    expect(formatPercent(null)).toBe('—');
  });

  it('可售天数 is red under a week, orange under two, plain after and when nothing sold', () => {
    expect([6.9, 7, 14.9, 15, null].map(daysLeftColor)).toEqual(['red', 'orange', 'orange', undefined, undefined]);
  });

  it('a fee rate typed in percent is stored in basis points; out of 0–30 % it is refused before saving', () => {
    expect([1.5, 0.6, 12.345, 30].map(percentToBp)).toEqual([150, 60, 1235, 3000]);
    expect([null, -0.01, 30.01, 0, 30].map(feeRateProblem)).toEqual(['reports.fee.required', 'reports.fee.negative', 'reports.fee.tooHigh', undefined, undefined]);
  });
});

describe('profitChart: where each day\'s revenue went', () => {
  const words = { revenue: '营业额', cost: '成本', fee: '平台费', refund: '退款', profit: '毛利', language: 'zh-CN' };
  const row = (key: string, revenueFen: number, refundFen: number, costFen: number, feeFen: number): ProfitRow => ({
    key, label: key, lines: 1, units: 1, revenueFen, refundFen, costFen, feeFen, profitFen: revenueFen - refundFen - costFen - feeFen,
  });

  it('puts every day of the range on the axis, and the stacked parts add up to the revenue line', () => {
    const option = profitChart([row('2026-03-01', 10_000, 1_000, 6_000, 180), row('2026-03-03', 5_000, 0, 5_500, 100)], 'day', { from: '2026-03-01', to: '2026-03-03' }, words)!;
    expect((option.xAxis as { data: string[] }).data).toEqual(['03-01', '03-02', '03-03']);
    const series = option.series as (BarSeriesOption & { name: string; data: number[] })[];
    const revenue = series.find((s) => s.name === '营业额')!.data;
    const stacked = series.filter((s) => s.stack === 'money');
    expect(stacked.map((s) => s.name)).toEqual(['成本', '平台费', '退款', '毛利']);
    expect(revenue).toEqual([100, 0, 50]);
    for (const day of [0, 1, 2]) expect(stacked.reduce((sum, s) => sum + s.data[day]!, 0)).toBeCloseTo(revenue[day]!, 6);
    // A day sold at a loss: its 毛利 goes below the axis.
    expect(stacked.find((s) => s.name === '毛利')!.data[2]).toBe(-6);
  });

  it('draws nothing for a range without sales (the screen says so instead)', () => {
    expect(profitChart([], 'day', { from: '2026-03-01', to: '2026-03-03' }, words)).toBeNull();
  });
});

import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { ProfitRow } from '../../../../../src-shared/contract/methods/reports.js';
import { eachDay } from '../../../../../src-shared/reports/days.js';
import type { ChartOption } from '../../../components/EChart.js';
import { yuan } from '../numbers.js';
import { axisLabel, COLORS, compactAxis, escapeHtml, grid, legend, moneyLine, NAME_WIDTH } from './common.js';

export interface ProfitWords {
  revenue: string;
  cost: string;
  fee: string;
  refund: string;
  profit: string;
  language: string;
}

/** Past this many days the chart scrolls (a slider below it) and opens on the latest ones. */
const DAYS_SHOWN = 62;
/** Products / shops drawn: the ones with the most revenue. */
const GROUPS_SHOWN = 12;

type Part = 'costFen' | 'feeFen' | 'refundFen' | 'profitFen';
const PARTS: { part: Part; word: keyof ProfitWords; color: string }[] = [
  { part: 'costFen', word: 'cost', color: COLORS.cost },
  { part: 'feeFen', word: 'fee', color: COLORS.fee },
  { part: 'refundFen', word: 'refund', color: COLORS.refund },
  { part: 'profitFen', word: 'profit', color: COLORS.profit },
];

/** One tooltip for the whole stack: the group, then each figure as money. */
function tooltipText(params: TooltipComponentFormatterCallbackParams): string {
  const list = Array.isArray(params) ? params : [params];
  const head = escapeHtml(list[0]?.name ?? '');
  return [head, ...list.map((p) => moneyLine(p.marker, p.seriesName ?? '', Number(p.value)))].join('<br/>');
}

/**
 * Where the money went, group by group: 成本, 平台费, 退款 and 毛利 stacked add up to the 营业额 (profit is
 * revenue − refund − cost − fee), with 营业额 drawn as a line over the days so the trend reads first.
 * A loss-making group's 毛利 goes below the axis.
 */
export function profitChart(rows: ProfitRow[], groupBy: 'day' | 'product' | 'shop', range: { from: string; to: string }, w: ProfitWords): ChartOption | null {
  if (rows.length === 0) return null;
  const byDay = groupBy === 'day';
  let groups: { label: string; row: ProfitRow | undefined }[];
  if (byDay) {
    const byKey = new Map(rows.map((r) => [r.key, r]));
    groups = eachDay(range.from, range.to).map((day) => ({ label: day, row: byKey.get(day) }));
  } else {
    groups = [...rows].sort((a, b) => b.revenueFen - a.revenueFen).slice(0, GROUPS_SHOWN).reverse().map((r) => ({ label: r.label, row: r }));
  }
  const value = (part: Part | 'revenueFen') => groups.map((g) => yuan(g.row?.[part] ?? 0));
  const bars: BarSeriesOption[] = PARTS.map((p) => ({
    type: 'bar',
    name: w[p.word],
    stack: 'money',
    data: value(p.part),
    itemStyle: { color: p.color },
    barMaxWidth: byDay ? 18 : 20,
    emphasis: { focus: 'series' },
  }));
  const revenueLine: LineSeriesOption = {
    type: 'line',
    name: w.revenue,
    data: value('revenueFen'),
    itemStyle: { color: COLORS.revenue },
    lineStyle: { width: 2 },
    symbol: 'circle',
    symbolSize: 5,
    showSymbol: groups.length <= 31,
    z: 5,
  };
  const moneyAxis = { type: 'value' as const, axisLabel: { ...axisLabel, formatter: compactAxis(w.language) }, splitLine: { lineStyle: { type: 'dashed' as const } } };
  const scrolls = byDay && groups.length > DAYS_SHOWN;

  if (!byDay) {
    return {
      legend: { ...legend, data: PARTS.map((p) => w[p.word]) },
      grid: grid({ top: 32 }),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltipText },
      xAxis: moneyAxis,
      yAxis: { type: 'category', data: groups.map((g) => g.label), axisLabel: { ...axisLabel, fontSize: 12, width: NAME_WIDTH, overflow: 'truncate' }, axisTick: { show: false } },
      series: bars,
    };
  }
  return {
    legend: { ...legend, data: [w.revenue, ...PARTS.map((p) => w[p.word])] },
    grid: grid({ top: 32, bottom: scrolls ? 36 : 8 }),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltipText },
    xAxis: { type: 'category', data: groups.map((g) => g.label.slice(5)), axisLabel: { ...axisLabel, hideOverlap: true }, axisTick: { alignWithLabel: true } },
    yAxis: moneyAxis,
    ...(scrolls && { dataZoom: [{ type: 'slider', height: 18, bottom: 4, startValue: groups.length - DAYS_SHOWN, endValue: groups.length - 1 }] }),
    series: [...bars, revenueLine],
  };
}

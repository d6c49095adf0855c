import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import type { CustomerReport, SourceRow } from '../../../../../src-shared/contract/methods/reports.js';
import type { PlatformName } from '../../../../../src-shared/contract/methods/shops.js';
import { formatFen } from '../../../../../src-shared/format.js';
import { eachDay } from '../../../../../src-shared/reports/days.js';
import type { ChartOption } from '../../../components/EChart.js';
import { formatCount } from '../numbers.js';
import { axisLabel, COLORS, escapeHtml, grid, legend, NAME_WIDTH, PLATFORM_COLORS } from './common.js';

export type PieMetric = 'orders' | 'revenue';

/** 平台占比: one slice per platform (named in the owner's language), by orders or by revenue, with its share. */
export function platformPie(rows: SourceRow[], metric: PieMetric, words: { metric: string; platform: (p: PlatformName) => string }): ChartOption | null {
  const data = rows
    .map((r) => ({ name: r.platform ? words.platform(r.platform) : r.label, value: metric === 'orders' ? r.orders : r.revenueFen, itemStyle: { color: PLATFORM_COLORS[r.platform ?? ''] ?? COLORS.revenue } }))
    .filter((d) => d.value > 0);
  if (data.length === 0) return null;
  const text = (v: number) => (metric === 'orders' ? formatCount(v) : formatFen(v));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params: TooltipComponentFormatterCallbackParams) => {
        const p = Array.isArray(params) ? params[0]! : params;
        return `${String(p.marker)} ${escapeHtml(p.name)}<br/>${words.metric}&nbsp;&nbsp;<b>${text(Number(p.value))}</b>（${(p.percent ?? 0).toFixed(1)}%）`;
      },
    },
    legend: { ...legend, type: 'scroll' },
    series: [
      {
        type: 'pie',
        name: words.metric,
        radius: ['38%', '66%'],
        center: ['50%', '56%'],
        data,
        label: { formatter: (p) => `${p.name}\n${(p.percent ?? 0).toFixed(1)}%`, fontSize: 12, lineHeight: 16 },
        labelLine: { length: 10, length2: 8 },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
      },
    ],
  };
}

/** 各店铺新客 / 回头客: a bar per shop split into buyers seen for the first time and buyers who came back. */
export function shopBuyersChart(rows: SourceRow[], words: { newBuyers: string; returning: string }): ChartOption | null {
  const shops = rows.filter((r) => r.buyers > 0).sort((a, b) => a.buyers - b.buyers).slice(-12);
  if (shops.length === 0) return null;
  return {
    legend: { ...legend, data: [words.newBuyers, words.returning] },
    grid: grid({ top: 32, right: 40 }),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, axisLabel, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'category', data: shops.map((s) => s.label), axisLabel: { ...axisLabel, fontSize: 12, width: NAME_WIDTH, overflow: 'truncate' }, axisTick: { show: false } },
    series: [
      { type: 'bar', name: words.newBuyers, stack: 'buyers', data: shops.map((s) => s.newBuyers), itemStyle: { color: COLORS.newBuyers }, barMaxWidth: 22 },
      {
        type: 'bar', name: words.returning, stack: 'buyers', data: shops.map((s) => s.returningBuyers), itemStyle: { color: COLORS.returning }, barMaxWidth: 22,
        label: { show: true, position: 'right', fontSize: 11, formatter: (p) => formatCount(shops[p.dataIndex]!.buyers) },
      },
    ],
  };
}

/** 每天新客: new buyers and returning buyers' orders per day, every day of the range on the axis. */
export function newBuyersChart(days: CustomerReport['byDay'], range: { from: string; to: string }, words: { newBuyers: string; returningOrders: string }): ChartOption | null {
  if (days.every((d) => d.orders === 0)) return null;
  const byDay = new Map(days.map((d) => [d.day, d]));
  const axis = eachDay(range.from, range.to);
  const dense = axis.length <= 31;
  return {
    legend: { ...legend, data: [words.newBuyers, words.returningOrders] },
    grid: grid({ top: 32 }),
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', boundaryGap: false, data: axis.map((d) => d.slice(5)), axisLabel: { ...axisLabel, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, axisLabel, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      {
        type: 'line', name: words.newBuyers, data: axis.map((d) => byDay.get(d)?.newBuyers ?? 0), smooth: 0.2, showSymbol: dense,
        itemStyle: { color: COLORS.newBuyers }, areaStyle: { color: 'rgba(31, 94, 255, 0.10)' },
      },
      { type: 'line', name: words.returningOrders, data: axis.map((d) => byDay.get(d)?.returningOrders ?? 0), smooth: 0.2, showSymbol: dense, itemStyle: { color: COLORS.returning } },
    ],
  };
}

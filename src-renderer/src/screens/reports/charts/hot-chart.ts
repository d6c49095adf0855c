import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import type { HotProduct } from '../../../../../src-shared/contract/methods/reports.js';
import { formatFen } from '../../../../../src-shared/format.js';
import type { ChartOption } from '../../../components/EChart.js';
import { formatCount, yuan } from '../numbers.js';
import { axisLabel, COLORS, compactAxis, escapeHtml, grid, NAME_WIDTH } from './common.js';

export type HotMetric = 'units' | 'revenue' | 'profit';

const VALUE: Record<HotMetric, (r: HotProduct) => number> = {
  units: (r) => r.units,
  revenue: (r) => yuan(r.revenueFen),
  profit: (r) => yuan(r.profitFen),
};

/**
 * 前 10 名: one horizontal bar per product, the best at the top, labelled with its figure. The rows come
 * ranked by the core on the same metric.
 */
export function hotChart(rows: HotProduct[], metric: HotMetric, words: { metric: string; language: string }): ChartOption | null {
  const top = rows.slice(0, 10).reverse();
  if (top.length === 0) return null;
  const money = metric !== 'units';
  const label = (v: number) => (money ? formatFen(Math.round(v * 100)) : formatCount(v));
  return {
    grid: grid({ top: 8, right: 90 }),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: TooltipComponentFormatterCallbackParams) => {
        const p = Array.isArray(params) ? params[0]! : params;
        return `${escapeHtml(p.name)}<br/>${String(p.marker)} ${words.metric}&nbsp;&nbsp;<b>${label(Number(p.value))}</b>`;
      },
    },
    xAxis: { type: 'value', axisLabel: { ...axisLabel, ...(money && { formatter: compactAxis(words.language) }) }, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: {
      type: 'category',
      data: top.map((r) => r.productName),
      axisLabel: { ...axisLabel, fontSize: 12, width: NAME_WIDTH, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: words.metric,
        data: top.map(VALUE[metric]),
        barMaxWidth: 22,
        itemStyle: { color: metric === 'units' ? COLORS.units : metric === 'revenue' ? COLORS.revenue : COLORS.profit, borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', fontSize: 11, formatter: (p) => label(Number(p.value)) },
      },
    ],
  };
}

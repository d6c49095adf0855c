import type { ProductTurnover, SupplierReport } from '../../../../../src-shared/contract/methods/reports.js';
import type { ChartOption } from '../../../components/EChart.js';
import { BAD_RATE, daysLeftColor, formatDecimal, formatPercent } from '../numbers.js';
import { axisLabel, COLORS, grid, legend, NAME_WIDTH } from './common.js';

const DAYS_COLOR = { red: '#ef4444', orange: '#f59e0b', ok: '#16a34a' } as const;
/** Bars drawn: the products that run out first. */
const PRODUCTS_SHOWN = 12;

/**
 * 可售天数: how long each product's stock lasts at the range's selling rate, soonest first; red under a
 * week, orange under two. Products that sold nothing in the range have no rate and are left out.
 */
export function daysLeftChart(products: ProductTurnover[], words: { days: (n: string) => string }): ChartOption | null {
  const shown = products
    .filter((p): p is ProductTurnover & { daysLeft: number } => p.daysLeft !== null)
    .sort((a, b) => a.daysLeft - b.daysLeft)
    .slice(0, PRODUCTS_SHOWN)
    .reverse();
  if (shown.length === 0) return null;
  return {
    grid: grid({ top: 8, right: 64 }),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => words.days(formatDecimal(Number(v))) },
    xAxis: { type: 'value', axisLabel, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'category', data: shown.map((p) => p.productName), axisLabel: { ...axisLabel, fontSize: 12, width: NAME_WIDTH, overflow: 'truncate' }, axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        data: shown.map((p) => ({ value: Math.round(p.daysLeft * 10) / 10, itemStyle: { color: DAYS_COLOR[daysLeftColor(p.daysLeft) ?? 'ok'] } })),
        barMaxWidth: 20,
        itemStyle: { borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', fontSize: 11, formatter: (p) => words.days(formatDecimal(Number(p.value))) },
      },
    ],
  };
}

/** 索赔率 and 换卡率 per supplier, worst at the top; a rate above 5 % in full colour, the rest paler. */
export function supplierRatesChart(rows: SupplierReport['suppliers'], words: { claimRate: string; replaceRate: string; unnamed: string }): ChartOption | null {
  const shown = rows.filter((r) => r.delivered > 0).sort((a, b) => b.claimRate - a.claimRate || b.replaceRate - a.replaceRate).slice(0, 8).reverse();
  if (shown.length === 0) return null;
  const bar = (rate: number, color: string) => ({ value: Math.round(rate * 1000) / 10, itemStyle: { color, opacity: rate > BAD_RATE ? 1 : 0.45 } });
  const label = { show: true, position: 'right' as const, fontSize: 11, formatter: (p: { value: unknown }) => `${Number(p.value).toFixed(1)}%` };
  return {
    legend: { ...legend, data: [words.claimRate, words.replaceRate] },
    grid: grid({ top: 32, right: 48 }),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatPercent(Number(v) / 100) },
    xAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: '{value}%' }, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'category', data: shown.map((r) => r.supplier || words.unnamed), axisLabel: { ...axisLabel, fontSize: 12, width: 100, overflow: 'truncate' }, axisTick: { show: false } },
    series: [
      { type: 'bar', name: words.claimRate, data: shown.map((r) => bar(r.claimRate, COLORS.claims)), itemStyle: { color: COLORS.claims }, barMaxWidth: 14, label },
      { type: 'bar', name: words.replaceRate, data: shown.map((r) => bar(r.replaceRate, COLORS.replaced)), itemStyle: { color: COLORS.replaced }, barMaxWidth: 14, label },
    ],
  };
}

import type { GridComponentOption } from 'echarts/components';
import { formatFen } from '../../../../../src-shared/format.js';

/** One colour per money figure on every chart, so 毛利 is always the same green. */
export const COLORS = {
  revenue: '#1f5eff',
  profit: '#16a34a',
  cost: '#94a3b8',
  fee: '#f59e0b',
  refund: '#ef4444',
  units: '#0ea5e9',
  newBuyers: '#1f5eff',
  returning: '#8b5cf6',
  claims: '#ef4444',
  replaced: '#f59e0b',
} as const;

/** The platforms' own brand-ish colours, so a pie slice or a shop tag reads at a glance (报表, 工作台). */
export const PLATFORM_COLORS: Record<string, string> = {
  taobao: '#ff5000',
  pdd: '#e02e24',
  doudian: '#111827',
  youzan: '#d40000',
  weidian: '#f59e0b',
  site: '#1f5eff',
};

/** The plot area: labels kept inside the box so nothing is cut at 1366 × 768. */
export function grid(extra: GridComponentOption = {}): GridComponentOption {
  return { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel', ...extra };
}

export const legend = { top: 0, left: 'center', itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } } as const;

export const axisLabel = { fontSize: 11, color: '#5b6474' } as const;

/** The tooltip line of one series: a coloured dot, the name, the value as money (yuan back to fen). */
export function moneyLine(marker: unknown, name: string, yuanValue: number): string {
  return `${String(marker)} ${name}&nbsp;&nbsp;<b>${formatFen(Math.round(yuanValue * 100))}</b>`;
}

/** HTML-safe text for tooltips (product and shop names are the owner's own words). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Product names can be long: axis labels end in … past this width (px); the tooltip has the whole name. */
export const NAME_WIDTH = 150;

/** Axis labels of money in yuan: `¥1.2万` / `¥12K`, so a year of revenue fits a narrow axis. */
export function compactAxis(language: string): (value: number) => string {
  const format = new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 });
  return (value) => `¥${format.format(value)}`;
}

import type { MoneyFigures } from '../../../../src-shared/contract/methods/reports.js';

/** A ratio as a percentage with one decimal (`12.3%`), `—` when there is none. */
export function formatPercent(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

/**
 * 毛利率: gross profit over what was kept (营业额 − 退款). A fully refunded group has nothing kept, so no
 * rate rather than a division by zero.
 */
export function marginOf(m: Pick<MoneyFigures, 'revenueFen' | 'refundFen' | 'profitFen'>): number | null {
  const kept = m.revenueFen - m.refundFen;
  return kept > 0 ? m.profitFen / kept : null;
}

/** 分 → 元 for a chart value (charts scale numbers; tables and tooltips print `formatFen`). */
export function yuan(fen: number): number {
  return fen / 100;
}

/** A one-decimal figure (keys per day, days left), `—` when there is none. */
export function formatDecimal(n: number | null): string {
  return n === null || !Number.isFinite(n) ? '—' : n.toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}

/** 可售天数 colour: red under a week, orange under two. */
export function daysLeftColor(days: number | null): 'red' | 'orange' | undefined {
  if (days === null) return undefined;
  if (days < 7) return 'red';
  if (days < 15) return 'orange';
  return undefined;
}

/** Above this a supplier's claim or replacement rate is shown in red. */
export const BAD_RATE = 0.05;

/** Fee rates are stored in 1/10000 (basis points) and typed as a percentage with two decimals: 5.5 % = 550. */
export const percentToBp = (percent: number): number => Math.round(percent * 100);
export const bpToPercent = (bp: number): number => bp / 100;
/** What `reports.setFeeRate` accepts, in the percent the owner types. */
export const MAX_FEE_PERCENT = 30;

/** Why a typed fee rate cannot be saved, as a dictionary key; undefined when it can. */
export function feeRateProblem(percent: number | null): 'reports.fee.required' | 'reports.fee.negative' | 'reports.fee.tooHigh' | undefined {
  if (percent === null) return 'reports.fee.required';
  if (percent < 0) return 'reports.fee.negative';
  if (percent > MAX_FEE_PERCENT) return 'reports.fee.tooHigh';
  return undefined;
}

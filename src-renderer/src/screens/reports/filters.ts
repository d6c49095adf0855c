import type { PlatformName } from '../../../../src-shared/contract/methods/shops.js';
import type { ReportFilter } from '../../../../src-shared/contract/methods/reports.js';
import { addDays, dayOf } from '../../../../src-shared/reports/days.js';

/** What the filter bar holds: Beijing days `YYYY-MM-DD` (both included) and the chosen shops / platforms / products. */
export interface ReportFilterValues {
  from: string;
  to: string;
  platforms: PlatformName[];
  shopIds: number[];
  productIds: number[];
}

export type RangePreset = 'today' | 'yesterday' | 'last7' | 'last30' | 'thisMonth' | 'lastMonth';
export const RANGE_PRESETS: RangePreset[] = ['today', 'yesterday', 'last7', 'last30', 'thisMonth', 'lastMonth'];

/** The days a preset covers, counted from Beijing today (whatever the computer's time zone). */
export function presetRange(preset: RangePreset, now: number): { from: string; to: string } {
  const today = dayOf(now);
  const monthStart = `${today.slice(0, 8)}01`;
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'thisMonth':
      return { from: monthStart, to: today };
    case 'lastMonth': {
      const lastMonthEnd = addDays(monthStart, -1);
      return { from: `${lastMonthEnd.slice(0, 8)}01`, to: lastMonthEnd };
    }
  }
}

export function defaultFilter(now: number): ReportFilterValues {
  return { ...presetRange('last30', now), platforms: [], shopIds: [], productIds: [] };
}

/** → the `reports.*` filter: an empty choice means all, so it is left out. */
export function toReportFilter(v: ReportFilterValues): ReportFilter {
  return {
    from: v.from,
    to: v.to,
    ...(v.platforms.length > 0 && { platforms: v.platforms }),
    ...(v.shopIds.length > 0 && { shopIds: v.shopIds }),
    ...(v.productIds.length > 0 && { productIds: v.productIds }),
  };
}

import type { CoreServices } from '../services.js';
import type { Handlers } from './handlers.js';

type ReportMethods = Extract<keyof Handlers, `reports.${string}`>;

/** 报表 and 工作台: thin bindings onto the report service. */
export function reportsHandlers(s: CoreServices): Pick<Handlers, ReportMethods> {
  return {
    'reports.workbench': () => s.reports.workbench(),
    'reports.hot': (input) => s.reports.hot(input),
    'reports.profit': (input) => s.reports.profit(input),
    'reports.customers': (input) => s.reports.customers(input),
    'reports.inventory': (input) => s.reports.inventory(input),
    'reports.suppliers': (input) => s.reports.suppliers(input),
    'reports.export': (input) => s.reports.export(input),
    'reports.feeRates': () => s.reports.feeRates(),
    'reports.setFeeRate': (input) => s.reports.setFeeRate(input),
    'reports.status': () => s.reports.status(),
    'reports.rebuild': () => s.reports.rebuild(),
  };
}

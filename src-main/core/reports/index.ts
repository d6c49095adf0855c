// 报表 and 工作台: the sales ledger (kept current in the background) and the reports read from it.
import type { MethodOutput, ParsedInput } from '../../../src-shared/contract/index.js';
import type { CoreServices } from '../services.js';
import { SalesLedger } from './sales-ledger.js';
import { customerReport, hotReport, profitReport } from './money-reports.js';
import { inventoryReport, supplierReport } from './stock-reports.js';
import { exportReport } from './report-export.js';
import { feeRates, setFeeRate } from './fee-rates.js';
import { workbench } from './workbench.js';

export type ReportDeps = Pick<CoreServices, 'sqlite' | 'clock' | 'log' | 'events' | 'appendAudit' | 'files' | 'afterSales' | 'risk'>;

export interface Reports {
  ledger: SalesLedger;
  /** Keeps the ledger current: after order changes (debounced) and every minute as a safety net. */
  start(): void;
  stop(): void;
  workbench(): Promise<MethodOutput<'reports.workbench'>>;
  hot(input: ParsedInput<'reports.hot'>): Promise<MethodOutput<'reports.hot'>>;
  profit(input: ParsedInput<'reports.profit'>): Promise<MethodOutput<'reports.profit'>>;
  customers(input: ParsedInput<'reports.customers'>): Promise<MethodOutput<'reports.customers'>>;
  inventory(input: ParsedInput<'reports.inventory'>): Promise<MethodOutput<'reports.inventory'>>;
  suppliers(input: ParsedInput<'reports.suppliers'>): Promise<MethodOutput<'reports.suppliers'>>;
  export(input: ParsedInput<'reports.export'>): Promise<MethodOutput<'reports.export'>>;
  feeRates(): MethodOutput<'reports.feeRates'>;
  setFeeRate(input: ParsedInput<'reports.setFeeRate'>): MethodOutput<'reports.setFeeRate'>;
  status(): MethodOutput<'reports.status'>;
  rebuild(): Promise<MethodOutput<'reports.rebuild'>>;
}

/** How long order changes settle before the ledger catches up (a burst of deliveries is one refresh). */
const SETTLE_MS = 1_000;

export function createReports(d: ReportDeps): Reports {
  const ledger = new SalesLedger(d);
  const timers: NodeJS.Timeout[] = [];
  let settle: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  const catchUp = () => ledger.refresh().catch((err: Error) => d.log.error({ err: err.message }, 'reports: ledger refresh failed'));
  // Every report first counts what changed since the last one, so its numbers include the last delivery.
  const fresh = async <T>(read: () => T): Promise<T> => {
    await ledger.refresh();
    return read();
  };
  const reports: Reports = {
    ledger,
    start() {
      unsubscribe = d.events.on((m) => {
        if (m.event !== 'orders.changed' && m.event !== 'inventory.changed') return;
        clearTimeout(settle);
        settle = setTimeout(() => void catchUp(), SETTLE_MS);
        settle.unref();
      });
      const minute = setInterval(() => void catchUp(), 60_000);
      minute.unref();
      timers.push(minute);
      void catchUp();
    },
    stop() {
      unsubscribe?.();
      clearTimeout(settle);
      for (const t of timers) clearInterval(t);
    },
    workbench: () => fresh(() => workbench(d, ledger.pending())),
    hot: (input) => fresh(() => hotReport(d.sqlite, input)),
    profit: (input) => fresh(() => profitReport(d.sqlite, input)),
    customers: (input) => fresh(() => customerReport(d.sqlite, input)),
    inventory: (input) => fresh(() => inventoryReport(d.sqlite, input, d.clock.now())),
    suppliers: (input) => fresh(() => supplierReport(d.sqlite, input)),
    export: async (input) => {
      await ledger.refresh();
      return exportReport(d, reports, input);
    },
    feeRates: () => feeRates(d.sqlite),
    setFeeRate: (input) => setFeeRate(d, ledger, input),
    status: () => ({ pending: ledger.pending(), lines: ledger.lines() }),
    async rebuild() {
      const started = Date.now();
      await ledger.rebuild();
      const lines = ledger.lines();
      d.sqlite.transaction(() => d.appendAudit({ actor: 'owner', action: 'reports.rebuild', objectType: 'reports', summary: { lines } })).immediate();
      return { lines, ms: Date.now() - started };
    },
  };
  return reports;
}

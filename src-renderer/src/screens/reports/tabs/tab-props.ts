import type { ReportFilterValues } from '../filters.js';

/** What every tab gets from the screen: the filter bar's choice and the re-read signal. */
export interface TabProps {
  filter: ReportFilterValues;
  /** Goes up when the numbers may have changed (ledger counted, fee rate saved). */
  version: number;
}

// 平台费率 per shop: the profit reports deduct it; changing it recomputes the shop's fees.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../../../src-shared/contract/index.js';
import type { ReportDeps } from './index.js';
import type { SalesLedger } from './sales-ledger.js';

export function feeRates(_sqlite: Database.Database): MethodOutput<'reports.feeRates'> {
  throw new Error('TODO(helper A): feeRates');
}

export function setFeeRate(_d: ReportDeps, _ledger: SalesLedger, _input: ParsedInput<'reports.setFeeRate'>): MethodOutput<'reports.setFeeRate'> {
  throw new Error('TODO(helper A): setFeeRate');
}

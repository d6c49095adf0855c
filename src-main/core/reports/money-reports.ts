// 热销商品, 利润分析, 客户来源: sums over the daily roll-up (and distinct buyers over the ledger).
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../../../src-shared/contract/index.js';

export function hotReport(_sqlite: Database.Database, _input: ParsedInput<'reports.hot'>): MethodOutput<'reports.hot'> {
  throw new Error('TODO(helper A): hotReport');
}

export function profitReport(_sqlite: Database.Database, _input: ParsedInput<'reports.profit'>): MethodOutput<'reports.profit'> {
  throw new Error('TODO(helper A): profitReport');
}

export function customerReport(_sqlite: Database.Database, _input: ParsedInput<'reports.customers'>): MethodOutput<'reports.customers'> {
  throw new Error('TODO(helper A): customerReport');
}

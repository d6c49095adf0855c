// 库存周转 and 供应商质量.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../../../src-shared/contract/index.js';

export function inventoryReport(_sqlite: Database.Database, _input: ParsedInput<'reports.inventory'>, _now: number): MethodOutput<'reports.inventory'> {
  throw new Error('TODO(helper B): inventoryReport');
}

export function supplierReport(_sqlite: Database.Database, _input: ParsedInput<'reports.suppliers'>): MethodOutput<'reports.suppliers'> {
  throw new Error('TODO(helper B): supplierReport');
}

// 导出: any report, or the 对账单 (every line), to .xlsx under exports/, audited.
import type { MethodOutput, ParsedInput } from '../../../src-shared/contract/index.js';
import type { ReportDeps, Reports } from './index.js';

export function exportReport(_d: ReportDeps, _reports: Reports, _input: ParsedInput<'reports.export'>): Promise<MethodOutput<'reports.export'>> {
  throw new Error('TODO(helper B): exportReport');
}

// 工作台: today and this week, the problems waiting, the last deliveries.
import type { MethodOutput } from '../../../src-shared/contract/index.js';
import type { ReportDeps } from './index.js';

export function workbench(_d: ReportDeps): MethodOutput<'reports.workbench'> {
  throw new Error('TODO(helper D): workbench');
}

import type { AuditVerifyResult } from '../../../../src-shared/contract/index.js';
import { formatTime } from '../../../../src-shared/format.js';
import type { Command } from '../command.js';
import { printResult } from '../output.js';
import { withCore } from '../open-core.js';

export const auditVerify: Command = {
  path: ['audit', 'verify'],
  summary: '校验审计链：任何被直接改动的记录都会被找出',
  usage: 'keydesk audit verify [--data-dir D] [--json]',
  async run({ dataDir, json }) {
    return withCore(dataDir, async (core) => {
      const result: AuditVerifyResult = core.services.audit.verify();
      printResult(json, result, () =>
        result.ok
          ? `审计链完好：共 ${result.entries} 条记录。`
          : `审计链已损坏：第 ${result.firstBroken!.seq} 条记录（${result.firstBroken!.at === null ? '时间未知' : formatTime(result.firstBroken!.at)}）${result.firstBroken!.reason}。之前的 ${result.entries} 条完好。`,
      );
      return result.ok ? 0 : 1;
    });
  },
};

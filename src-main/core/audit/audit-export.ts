import type Database from 'better-sqlite3';
import type { AuditFilter } from '../../../src-shared/contract/index.js';
import { formatTime } from '../../../src-shared/format.js';
import { CHINESE_AUDIT_WORDS as W, auditObjectText, auditSummaryText } from '../../../src-shared/audit/describe.js';
import type { FileStore } from '../files/file-store.js';
import { writeTableFile } from '../files/table-file.js';
import type { AuditInput, AuditSummary } from './audit-log.js';
import { auditWhere, toEntry, type AuditRow } from './audit-query.js';

export type AuditExportFormat = 'xlsx' | 'csv';

const HEADER = ['序号', '时间（北京时间）', '操作人', '操作', '对象', '内容', '校验码'];
const CHUNK = 5000;

function cells(r: AuditRow): (string | number)[] {
  const e = toEntry(r);
  return [e.seq, formatTime(e.at), W.actor(e.actor), W.action(e.action), auditObjectText(W, e.objectType, e.objectId), auditSummaryText(W, e.summary), r.mac];
}

/**
 * Writes the entries matching the filter, oldest first, to `path` (streamed in keyset pages so a long log
 * stays flat in memory and the connection is free between pages). Returns the number of entries written.
 */
export async function writeAuditFile(sqlite: Database.Database, filter: AuditFilter, format: AuditExportFormat, path: string): Promise<number> {
  const where = auditWhere(filter);
  const page = sqlite.prepare(`select * from audit_log where ${where.sql} and seq > ? order by seq limit ${CHUNK}`);
  async function* rows(): AsyncGenerator<AuditRow> {
    let after = 0;
    for (;;) {
      const chunk = page.all(...where.params, after) as AuditRow[];
      if (chunk.length === 0) return;
      yield* chunk;
      after = chunk.at(-1)!.seq;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  async function* cellRows(): AsyncGenerator<(string | number)[]> {
    for await (const r of rows()) yield cells(r);
  }
  return writeTableFile(path, { format, sheetName: '审计日志', header: HEADER, widths: [8, 20, 8, 22, 16, 60, 20] }, cellRows());
}

/** The filter as the export's audit entry records it (what was exported, never the entries themselves). */
export function filterSummary(filter: AuditFilter): AuditSummary {
  const actions = filter.action === undefined ? undefined : Array.isArray(filter.action) ? filter.action : [filter.action];
  return {
    ...(filter.actor !== undefined && { actor: filter.actor }),
    ...(actions && { actions: actions.join(',') }),
    ...(filter.objectType !== undefined && { objectType: filter.objectType }),
    ...(filter.objectId !== undefined && { objectId: filter.objectId }),
    ...(filter.from !== undefined && { from: filter.from }),
    ...(filter.to !== undefined && { to: filter.to }),
  };
}

/** The audit screen's 导出: a file under exports/ for the owner to download, audited as `audit.export`. */
export async function exportAudit(
  deps: { sqlite: Database.Database; files: FileStore; audit: (e: AuditInput) => void; now: () => number },
  input: { filters: AuditFilter; format: AuditExportFormat },
): Promise<{ downloadId: string; fileName: string; rows: number }> {
  const stamp = formatTime(deps.now()).replace(/[-: ]/g, '').slice(0, 12);
  const fileName = `审计日志-${stamp}.${input.format}`;
  const { downloadId, path } = deps.files.newExport(fileName);
  const rows = await writeAuditFile(deps.sqlite, input.filters, input.format, path);
  recordExport(deps, input, rows);
  return { downloadId, fileName, rows };
}

export function recordExport(deps: { sqlite: Database.Database; audit: (e: AuditInput) => void }, input: { filters: AuditFilter; format: AuditExportFormat }, rows: number): void {
  deps.sqlite.transaction(() => {
    deps.audit({ actor: 'owner', action: 'audit.export', objectType: 'audit_log', summary: { rows, format: input.format, ...filterSummary(input.filters) } });
  }).immediate();
}

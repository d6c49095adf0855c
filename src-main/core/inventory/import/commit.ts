import type Database from 'better-sqlite3';
import type { ImportOutcome } from '../../../../src-shared/contract/index.js';
import type { AuditInput } from '../../audit/audit-log.js';
import { checkAgainstStock, type StagingCounts } from './staging.js';

export interface CommitMeta {
  productId: number;
  fileName: string;
  fileHash: string;
  format: string;
  mode: 'all' | 'partial';
  source: 'file' | 'paste' | 'cli' | 'sync';
  startedAt: number;
  now: number;
  batch: { supplier: string; unitCostFen: number; purchasedAt: number; expiresAt: number | null; priority: number; note: string };
}

/** How many problems an outcome carries inline; the full list is in import_problems (downloadable). */
export const OUTCOME_PROBLEM_LIMIT = 1000;

/**
 * The one write into the real database: history row, batch, keys and problems in a single immediate
 * transaction, or (all-or-nothing with invalid rows) only the history of the refusal. Rows that
 * another import committed in the meantime are counted as duplicates, never stored twice.
 */
export function commitStaging(sqlite: Database.Database, staging: { path: string; counts: StagingCounts }, meta: CommitMeta, audit: (e: AuditInput) => void): ImportOutcome {
  sqlite.prepare('attach database ? as staging').run(staging.path);
  try {
    checkAgainstStock(sqlite, staging.counts, meta.now);
    return commitChecked(sqlite, staging.counts, meta, audit);
  } finally {
    sqlite.exec('detach database staging');
  }
}

function commitChecked(sqlite: Database.Database, c: StagingCounts, meta: CommitMeta, audit: (e: AuditInput) => void): ImportOutcome {
  const rejectedBecause =
    meta.mode === 'all' && c.invalid > 0
      ? `有 ${c.invalid} 行有问题，按“全部导入或全部不导入”规则未写入任何卡密`
      : c.staged === 0 && c.invalid > 0
        ? '没有一行有效的卡密'
        : undefined;
  return sqlite.transaction((): ImportOutcome => {
      const status = rejectedBecause ? 'rejected' : 'committed';
      const importId = Number(
        sqlite
          .prepare(`insert into imports (product_id, file_name, file_hash, format, mode, status, imported, duplicates_in_file, duplicates_in_stock, invalid, source, started_at, finished_at)
            values (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`)
          .run(meta.productId, meta.fileName, meta.fileHash, meta.format, meta.mode, status, c.duplicatesInFile, c.duplicatesInStock, c.invalid, meta.source, meta.startedAt, meta.now).lastInsertRowid,
      );
      sqlite.prepare('insert into import_problems (import_id, row, kind, reason, card_no) select ?, row, kind, reason, card_no from staging.problems').run(importId);
      let imported = 0;
      let raced = 0;
      let batchId: number | null = null;
      if (!rejectedBecause && c.staged > 0) {
        const b = meta.batch;
        batchId = Number(
          sqlite
            .prepare(`insert into batches (product_id, import_id, supplier, unit_cost_fen, purchased_at, expires_at, priority, note, source_file_hash, created_at)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
            .run(meta.productId, importId, b.supplier, b.unitCostFen, b.purchasedAt, b.expiresAt, b.priority, b.note, meta.fileHash, meta.now).lastInsertRowid,
        );
        raced = sqlite
          .prepare(`insert into import_problems (import_id, row, kind, reason, card_no)
            select ?, s.row, 'duplicate_in_stock', '导入过程中已由另一次导入加入库存', s.card_no from staging.staged s
            where exists (select 1 from main.keys k where k.secret_index = s.secret_index)`)
          .run(importId).changes;
        imported = sqlite
          .prepare(`insert into main.keys (product_id, batch_id, import_id, source_row, card_no, secret_sealed, secret_index, extra, status, expires_at, created_at, updated_at)
            select ?, ?, ?, row, card_no, secret_sealed, secret_index, extra, 'available', expires_at, ?, ? from staging.staged where true order by seq
            on conflict(secret_index) do nothing`)
          .run(meta.productId, batchId, importId, meta.now, meta.now).changes;
      }
      sqlite.prepare('update imports set imported = ?, duplicates_in_stock = ? where id = ?').run(imported, c.duplicatesInStock + raced, importId);
      audit({
        actor: 'owner',
        action: rejectedBecause ? 'import.reject' : 'import.commit',
        objectType: 'import',
        objectId: String(importId),
        summary: { fileName: meta.fileName, fileHash: meta.fileHash.slice(0, 16), productId: meta.productId, imported, duplicatesInFile: c.duplicatesInFile, duplicatesInStock: c.duplicatesInStock + raced, invalid: c.invalid },
      });
      const problems = sqlite.prepare('select row, kind, reason from import_problems where import_id = ? order by row limit ?').all(importId, OUTCOME_PROBLEM_LIMIT * 2) as { row: number; kind: string; reason: string }[];
      return {
        importId,
        status,
        imported,
        duplicatesInFile: c.duplicatesInFile,
        duplicatesInStock: c.duplicatesInStock + raced,
        invalid: problems.filter((p) => p.kind === 'invalid').slice(0, OUTCOME_PROBLEM_LIMIT).map(({ row, reason }) => ({ row, reason })),
        invalidCount: c.invalid,
        warnings: problems.filter((p) => p.kind === 'warning').slice(0, OUTCOME_PROBLEM_LIMIT).map(({ row, reason }) => ({ row, reason })),
        ...(rejectedBecause && { rejectedBecause }),
        batchId,
      };
  }).immediate();
}

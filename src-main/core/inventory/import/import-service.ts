import type Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { KeyDeskError, type ImportPreview, type ImportRecord, type ImportSource, type ImportOutcome } from '../../../../src-shared/contract/index.js';
import { maskSecret } from '../../../../src-shared/mask.js';
import { listSheets, detectFormat, suggestSheet } from '../reading/index.js';
import { runImport, resolveSource, hashSource, readHead, type ImportDeps, type ParsedImportRequest } from './run-import.js';
import { firstRows, resolveLayout } from './layout.js';

interface ImportDbRow {
  id: number; product_id: number; file_name: string; file_hash: string; status: ImportRecord['status'];
  imported: number; duplicates_in_file: number; duplicates_in_stock: number; invalid: number;
  started_at: number; finished_at: number; undone_at: number | null; left_stock: number;
}

const PREVIEW_ROWS = 20;

/** 导入: preview, run with progress and cancel, history, undo, problem lists. */
export class Imports {
  private readonly running = new Map<string, AbortController>();
  /** A cancel can overtake its own import request (two HTTP calls); the import then starts cancelled. */
  private readonly cancelledEarly = new Set<string>();

  constructor(private readonly deps: ImportDeps) {}

  /** Without a sheet the reader suggests one (skipping a 说明 sheet in front of the data). */
  async preview(source: ImportSource, chosenSheet?: number): Promise<ImportPreview> {
    const src = resolveSource(this.deps, source);
    const head = await readHead(src.reader);
    const format = detectFormat(head, src.fileName);
    const sheets = await listSheets(src.reader);
    const sheet = chosenSheet ?? (await suggestSheet(src.reader));
    if (!sheets.some((s) => s.index === sheet)) throw new KeyDeskError('IMPORT_SHEET_NOT_FOUND', { sheet, sheets: sheets.map((s) => s.name) });
    const sample = await firstRows(src.reader, sheet);
    if (sample.length === 0) throw new KeyDeskError('IMPORT_EMPTY_FILE', { sheet });
    let layout;
    try {
      layout = resolveLayout(sample, {});
    } catch (err) {
      // No secret column guessed: still show the preview so the owner can pick the column by hand.
      if (!(err instanceof KeyDeskError && err.code === 'IMPORT_NO_KEY_COLUMN')) throw err;
      layout = undefined;
    }
    const secretCol = layout?.mapping.secret;
    const fileHash = await hashSource(src.reader);
    const previous = this.deps.sqlite
      .prepare("select id as importId, finished_at as finishedAt, imported from imports where file_hash = ? and status = 'committed' order by id desc limit 5")
      .all(fileHash) as ImportPreview['previousImports'];
    return {
      fileName: src.fileName, fileHash, format, sheets, sheet,
      headerRow: layout?.headerRow ?? null,
      columns: layout?.columns ?? [],
      sampleRows: sample.slice(0, PREVIEW_ROWS).map((r) => ({
        row: r.row,
        cells: r.cells.map((c, i) => (i === secretCol && r.row !== layout?.headerRow && c.text ? maskSecret(c.text) : c.text)),
      })),
      previousImports: previous,
    };
  }

  async run(req: ParsedImportRequest, origin: 'file' | 'cli' | 'sync' = 'file'): Promise<ImportOutcome> {
    if (this.running.has(req.jobId)) throw new KeyDeskError('INVALID_INPUT', { issues: [{ field: 'jobId', message: '这个导入任务已在进行' }] });
    const src = resolveSource(this.deps, req.source);
    const controller = new AbortController();
    if (this.cancelledEarly.delete(req.jobId)) controller.abort();
    this.running.set(req.jobId, controller);
    try {
      return await runImport(this.deps, req, src, controller.signal, origin);
    } finally {
      this.running.delete(req.jobId);
      src.cleanup();
    }
  }

  cancel(jobId: string): boolean {
    const c = this.running.get(jobId);
    if (c) {
      c.abort();
      return true;
    }
    if (this.cancelledEarly.size > 100) this.cancelledEarly.clear();
    this.cancelledEarly.add(jobId);
    return false;
  }

  history(productId?: number, limit = 50): ImportRecord[] {
    const rows = this.deps.sqlite
      .prepare(`select i.*, (select count(*) from keys k where k.import_id = i.id and k.status in ('reserved', 'delivered', 'redeemed')) as left_stock
        from imports i where (? is null or i.product_id = ?) order by i.id desc limit ?`)
      .all(productId ?? null, productId ?? null, limit) as ImportDbRow[];
    return rows.map(toRecord);
  }

  /** Removes every key of an import, only while none has left stock; the history row stays, marked undone. */
  undo(importId: number, reason: string): ImportRecord {
    const db: Database.Database = this.deps.sqlite;
    const record = db.transaction(() => {
      const current = this.one(importId);
      if (current.status !== 'committed') throw new KeyDeskError('INVALID_INPUT', { issues: [{ field: 'importId', message: current.status === 'undone' ? '这次导入已经撤销过' : '这次导入没有写入卡密，无需撤销' }] });
      if (!current.canUndo) throw new KeyDeskError('INVALID_INPUT', { issues: [{ field: 'importId', message: '这次导入的部分卡密已发出或已预留，不能整体撤销；可单独作废未发出的卡密' }] });
      const removed = db.prepare('delete from keys where import_id = ?').run(importId).changes;
      db.prepare('delete from batches where import_id = ?').run(importId);
      db.prepare('update imports set status = ?, undone_at = ? where id = ?').run('undone', this.deps.clock.now(), importId);
      this.deps.audit({ actor: 'owner', action: 'import.undo', objectType: 'import', objectId: String(importId), summary: { reason, removed, fileName: current.fileName } });
      return this.one(importId);
    }).immediate();
    this.deps.events.emit('inventory.changed', { productIds: [record.productId] });
    return record;
  }

  /** The full problem list of an import as .xlsx (row, kind, reason, card number — never a secret). */
  async problemsWorkbook(importId: number): Promise<{ downloadId: string; fileName: string; rows: number }> {
    const record = this.one(importId);
    const { downloadId, path } = this.deps.files.newExport(`导入问题清单-${importId}.xlsx`);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const sheet = workbook.addWorksheet('问题清单');
    sheet.columns = [
      { header: '行号', key: 'row', width: 8 }, { header: '类型', key: 'kind', width: 14 },
      { header: '原因', key: 'reason', width: 60 }, { header: '卡号', key: 'cardNo', width: 24 },
    ];
    const kinds: Record<string, string> = { invalid: '无效', duplicate_in_file: '文件内重复', duplicate_in_stock: '库存中已有', warning: '提醒' };
    let rows = 0;
    for (const p of this.deps.sqlite.prepare('select row, kind, reason, card_no as cardNo from import_problems where import_id = ? order by row').iterate(importId) as IterableIterator<{ row: number; kind: string; reason: string; cardNo: string | null }>) {
      sheet.addRow({ ...p, kind: kinds[p.kind] ?? p.kind }).commit();
      rows++;
    }
    await workbook.commit();
    return { downloadId, fileName: `导入问题清单-${record.fileName}.xlsx`, rows };
  }

  problemRows(importId: number, kind: 'invalid' | 'warning'): { row: number; reason: string }[] {
    return this.deps.sqlite.prepare('select row, reason from import_problems where import_id = ? and kind = ? order by row').all(importId, kind) as { row: number; reason: string }[];
  }

  private one(importId: number): ImportRecord {
    const row = this.deps.sqlite
      .prepare(`select i.*, (select count(*) from keys k where k.import_id = i.id and k.status in ('reserved', 'delivered', 'redeemed')) as left_stock from imports i where i.id = ?`)
      .get(importId) as ImportDbRow | undefined;
    if (!row) throw new KeyDeskError('NOT_FOUND', { importId });
    return toRecord(row);
  }
}

function toRecord(r: ImportDbRow): ImportRecord {
  return {
    id: r.id, productId: r.product_id, fileName: r.file_name, fileHash: r.file_hash, status: r.status, imported: r.imported,
    duplicatesInFile: r.duplicates_in_file, duplicatesInStock: r.duplicates_in_stock, invalid: r.invalid,
    startedAt: r.started_at, finishedAt: r.finished_at, undoneAt: r.undone_at, canUndo: r.status === 'committed' && r.left_stock === 0,
  };
}

import { createHash } from 'node:crypto';
import { createReadStream, rmSync, statSync } from 'node:fs';
import { KeyDeskError, type ImportOutcome, type ImportSource, type importRequest } from '../../../../src-shared/contract/index.js';
import type { z } from 'zod';
import { readRows, detectFormat, type ImportSource as ReaderSource } from '../reading/index.js';
import type { CoreServices } from '../../services.js';
import { parseExpiry } from '../reading/index.js';
import { StagingPipe } from './staging-pipe.js';
import { commitStaging } from './commit.js';
import { firstRows, resolveLayout } from './layout.js';

export type ParsedImportRequest = z.output<typeof importRequest>;
export type ImportDeps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'files' | 'products' | 'events' | 'log'> & { audit: CoreServices['appendAudit'] };

export interface ResolvedSource {
  reader: ReaderSource;
  fileName: string;
  kind: 'file' | 'paste';
  totalBytes?: number;
  cleanup(): void;
}

/** An upload id, pasted text or a local path → what the readers take. */
export function resolveSource(deps: Pick<CoreServices, 'files'>, source: ImportSource): ResolvedSource {
  if ('uploadId' in source) {
    const u = deps.files.upload(source.uploadId);
    return { reader: { path: u.path }, fileName: u.fileName, kind: 'file', totalBytes: statSync(u.path).size, cleanup: () => deps.files.removeUpload(source.uploadId) };
  }
  if ('text' in source) {
    const name = source.name ?? '粘贴的卡密';
    return { reader: { text: source.text, name }, fileName: name, kind: 'paste', totalBytes: Buffer.byteLength(source.text), cleanup: () => {} };
  }
  let size: number;
  try {
    size = statSync(source.path).size;
  } catch {
    throw new KeyDeskError('NOT_FOUND', { path: source.path }, `找不到文件：${source.path}`);
  }
  return { reader: { path: source.path }, fileName: source.path.split(/[/\\]/).pop()!, kind: 'file', totalBytes: size, cleanup: () => {} };
}

export async function hashSource(reader: ReaderSource): Promise<string> {
  const hash = createHash('sha256');
  if ('text' in reader) return hash.update(reader.text, 'utf8').digest('hex');
  for await (const chunk of createReadStream(reader.path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Reads the whole file into a staging database (sealed, deduplicated, judged row by row), then commits
 * it in one transaction — or, all-or-nothing with problems, commits only the record of the refusal.
 * Cancel or crash at any point before the commit leaves the real database untouched.
 */
export async function runImport(deps: ImportDeps, req: ParsedImportRequest, src: ResolvedSource, signal: AbortSignal, origin: 'file' | 'paste' | 'cli' | 'sync'): Promise<ImportOutcome> {
  const product = deps.products.get(req.productId);
  if (product.type !== 'card') {
    throw new KeyDeskError('INVALID_INPUT', { issues: [{ field: 'productId', message: product.type === 'direct' ? '直充商品不需要导入卡密' : '组合商品的库存来自它包含的子商品，请导入到子商品' }] });
  }
  const startedAt = deps.clock.now();
  const head = await readHead(src.reader);
  const format = detectFormat(head, src.fileName);
  const layout = resolveLayout(await firstRows(src.reader, req.sheet, signal), { ...(req.headerRow !== undefined && { headerRow: req.headerRow }), ...(req.mapping && { mapping: req.mapping }) });
  const batchExpiry = req.batch.expiryDay ? parseExpiry(req.batch.expiryDay) : undefined;
  if (batchExpiry && !batchExpiry.ok) throw new KeyDeskError('INVALID_INPUT', { issues: [{ field: 'batch.expiryDay', message: batchExpiry.reason }] });

  const stagingPath = deps.files.tmpPath(`import-${req.jobId}.db`);
  const ctx = { now: startedAt, batchExpiresAt: batchExpiry?.ok ? batchExpiry.endMs : null };
  const pipe = new StagingPipe({ path: stagingPath, keys: deps.vault.workerKeys(), mapping: layout.mapping, headerRow: layout.headerRow, ctx });
  // Bytes as the reader measures them (the compressed sheet for xlsx): what a percentage can follow.
  const read = { bytes: 0, total: src.totalBytes ?? 0 };
  const progress = throttle((rowsRead: number, phase: 'reading' | 'saving') =>
    deps.events.emit('import.progress', { jobId: req.jobId, phase, rowsRead, bytesRead: read.bytes, totalBytes: read.total }));
  try {
    // Hashed while the worker starts up; inside the try so a failure still stops the worker.
    const fileHash = await hashSource(src.reader);
    let rowsRead = 0;
    const onProgress = (done: number, total: number) => {
      read.bytes = done;
      if (total > 0) read.total = total;
    };
    for await (const chunk of readRows(src.reader, { sheet: req.sheet, signal, onProgress })) {
      await pipe.send(chunk);
      rowsRead += chunk.length;
      progress(rowsRead, 'reading');
      if (signal.aborted) throw new KeyDeskError('IMPORT_CANCELLED');
    }
    const staged = await pipe.finish();
    if (signal.aborted) throw new KeyDeskError('IMPORT_CANCELLED');
    if (staged.dataRows === 0) throw new KeyDeskError(layout.headerRow !== null ? 'IMPORT_HEADER_ONLY' : 'IMPORT_EMPTY_FILE');
    progress.flush(rowsRead, 'saving');
    const b = req.batch;
    const outcome = commitStaging(deps.sqlite, { path: stagingPath, counts: staged.counts }, {
      productId: product.id, fileName: src.fileName, fileHash, format, mode: req.mode, source: origin === 'file' && src.kind === 'paste' ? 'paste' : origin,
      startedAt, now: deps.clock.now(),
      batch: { supplier: b.supplier, unitCostFen: b.unitCostFen, purchasedAt: b.purchasedAt ?? startedAt, expiresAt: ctx.batchExpiresAt, priority: b.priority, note: b.note },
    }, deps.audit);
    deps.events.emit('import.progress', { jobId: req.jobId, phase: 'done', rowsRead });
    if (outcome.imported > 0) deps.events.emit('inventory.changed', { productIds: [product.id] });
    deps.log.info({ jobId: req.jobId, importId: outcome.importId, status: outcome.status, imported: outcome.imported }, 'runImport: finished');
    return outcome;
  } finally {
    await pipe.stop();
    rmSync(stagingPath, { force: true });
  }
}

/** The first 64 KB, enough for format detection by content. */
export async function readHead(reader: ReaderSource): Promise<Buffer> {
  if ('text' in reader) return Buffer.from(reader.text.slice(0, 16_384), 'utf8');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of createReadStream(reader.path, { start: 0, end: 65_535 })) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return Buffer.concat(chunks, size);
}

/** Progress at most every 200 ms: a million rows must not mean a million events. */
function throttle(emit: (rows: number, phase: 'reading' | 'saving') => void) {
  let last = 0;
  const fn = (rows: number, phase: 'reading' | 'saving') => {
    const now = Date.now();
    if (now - last >= 200) {
      last = now;
      emit(rows, phase);
    }
  };
  fn.flush = (rows: number, phase: 'reading' | 'saving') => emit(rows, phase);
  return fn;
}

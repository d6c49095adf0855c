import { KeyDeskError, missingCase } from '../../../../src-shared/contract/index.js';
import { readCsvRows } from './csv-reader.js';
import { listBookSheets, readBookRows } from './sheetjs-reader.js';
import { openSource, sheetName, type OpenedSource } from './source.js';
import { readTxtRows } from './txt-reader.js';
import { listXlsxSheets, readXlsxRows } from './xlsx-reader.js';
import { DEFAULT_CHUNK_ROWS, type ImportSource, type ProgressMeter, type RawRow, type ReadOptions, type SheetInfo } from './types.js';

/** The sheets to choose from. csv, txt and pasted text are one sheet named after the file. */
export async function listSheets(source: ImportSource): Promise<SheetInfo[]> {
  const opened = await openSource(source);
  switch (opened.format) {
    case 'xlsx':
      return listXlsxSheets(fileOf(opened).path, fileOf(opened).size);
    case 'xls':
    case 'ods':
      return listBookSheets(opened);
    case 'csv':
    case 'txt':
      return [{ index: 0, name: sheetName(opened) }];
    default:
      return missingCase(opened.format);
  }
}

/**
 * The chosen sheet's non-blank rows, streamed in chunks of `chunkRows`. Stopping early (preview) is
 * cheap and closes the file. Aborting `signal` ends the read with IMPORT_CANCELLED at the next chunk.
 */
export function readRows(source: ImportSource, opts: ReadOptions = {}): AsyncIterable<RawRow[]> {
  return chunks(source, opts);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new KeyDeskError('IMPORT_CANCELLED');
}

async function* chunks(source: ImportSource, opts: ReadOptions): AsyncGenerator<RawRow[]> {
  const size = Math.max(1, opts.chunkRows ?? DEFAULT_CHUNK_ROWS);
  throwIfAborted(opts.signal);
  const opened = await openSource(source);
  const meter: ProgressMeter = { done: 0, total: 0 };
  let chunk: RawRow[] = [];
  const emit = () => {
    throwIfAborted(opts.signal);
    opts.onProgress?.(meter.done, meter.total);
    const out = chunk;
    chunk = [];
    return out;
  };
  for await (const row of rowsOf(opened, opts.sheet ?? 0, meter)) {
    chunk.push(row);
    if (chunk.length >= size) {
      yield emit();
      throwIfAborted(opts.signal);
    }
  }
  if (chunk.length > 0) yield emit();
}

function rowsOf(opened: OpenedSource, sheet: number, meter: ProgressMeter): AsyncIterable<RawRow> {
  switch (opened.format) {
    case 'xlsx':
      return readXlsxRows(fileOf(opened).path, fileOf(opened).size, sheet, meter);
    case 'xls':
    case 'ods':
      return readBookRows(opened, sheet, meter);
    case 'csv':
    case 'txt':
      if (sheet !== 0) throw new KeyDeskError('IMPORT_SHEET_NOT_FOUND', { sheet, sheets: [sheetName(opened)] });
      return opened.format === 'csv' ? readCsvRows(opened, meter) : readTxtRows(opened, meter);
    default:
      return missingCase(opened.format);
  }
}

/** Zip formats only come from files: pasted text is never sniffed as xlsx. */
function fileOf(opened: OpenedSource): Extract<OpenedSource, { kind: 'file' }> {
  if (opened.kind !== 'file') throw new KeyDeskError('IMPORT_NOT_SPREADSHEET');
  return opened;
}

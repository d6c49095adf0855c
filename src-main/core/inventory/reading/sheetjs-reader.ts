import { readFile } from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import { KeyDeskError } from '../../../../src-shared/contract/index.js';
import { dateCell, numberCell, textCell, trimRow } from './cells.js';
import { decodeText, detectEncoding } from './encoding.js';
import { corruptFile } from './errors.js';
import type { OpenedSource } from './source.js';
import { MAX_IN_MEMORY_BYTES, type Cell, type ProgressMeter, type RawRow, type SheetInfo } from './types.js';

// Excel 95 and many Chinese back-office exports write .xls strings in code page 936, not UTF-16.
XLSX.set_cptable(cptable);

const OLE_MAGIC = 0xd0cf11e0;
const ZIP_MAGIC = 0x504b0304;

/** SheetJS's error text → what the merchant can act on. */
function readError(err: unknown): KeyDeskError {
  const message = err instanceof Error ? err.message : String(err);
  if (/password|encrypt/i.test(message)) return new KeyDeskError('IMPORT_PASSWORD_PROTECTED');
  if (/unsupported file|cannot find workbook|unrecognized/i.test(message)) {
    const e = new KeyDeskError('IMPORT_NOT_SPREADSHEET');
    e.cause = err;
    return e;
  }
  return corruptFile('表格内容无法解析', err);
}

/**
 * .xls (BIFF), .ods, and the HTML / Excel-2003-XML files web back-ends name .xls: parsed wholly in
 * memory by SheetJS, hence the size cap. `sheets` limits parsing to the one sheet being read.
 */
async function loadBook(source: OpenedSource, options: XLSX.ParsingOptions): Promise<XLSX.WorkBook> {
  const common: XLSX.ParsingOptions = { ...options, cellDates: true, dense: true, cellHTML: false, cellFormula: false };
  if (source.kind === 'text') {
    try {
      return XLSX.read(source.text, { ...common, type: 'string', raw: true });
    } catch (err) {
      throw readError(err);
    }
  }
  if (source.size > MAX_IN_MEMORY_BYTES) throw new KeyDeskError('IMPORT_FILE_TOO_LARGE', { size: source.size, limit: MAX_IN_MEMORY_BYTES });
  const buf = await readFile(source.path);
  const magic = buf.length >= 4 ? buf.readUInt32BE(0) : 0;
  try {
    if (magic === OLE_MAGIC || magic === ZIP_MAGIC) return XLSX.read(buf, { ...common, type: 'buffer' });
    // Markup text: decode it ourselves (GBK pages are common); raw keeps "0012345678901234567" as text, not a number.
    return XLSX.read(decodeText(buf, detectEncoding(buf, true)), { ...common, type: 'string', raw: true });
  } catch (err) {
    throw readError(err);
  }
}

export async function listBookSheets(source: OpenedSource): Promise<SheetInfo[]> {
  const book = await loadBook(source, { bookSheets: true });
  const props = book.Workbook?.Sheets ?? [];
  return book.SheetNames.map((name, index) => (props[index]?.Hidden ? { index, name, hidden: true } : { index, name }));
}

export async function* readBookRows(source: OpenedSource, sheetIndex: number, meter: ProgressMeter): AsyncGenerator<RawRow> {
  const book = await loadBook(source, { sheets: sheetIndex });
  const name = book.SheetNames[sheetIndex];
  if (name === undefined) throw new KeyDeskError('IMPORT_SHEET_NOT_FOUND', { sheet: sheetIndex, sheets: book.SheetNames });
  const data = book.Sheets[name]?.['!data'] ?? [];
  // Parsing already happened in one go; progress now walks the rows, expressed in the source's bytes.
  const size = source.kind === 'file' ? source.size : source.text.length;
  meter.total = size;
  for (let r = 0; r < data.length; r++) {
    meter.done = Math.round((size * r) / data.length);
    const cells = trimRow(Array.from(data[r] ?? [], (cell) => (cell ? toCell(cell) : { text: '' })));
    if (cells.length > 0) yield { row: r + 1, cells };
  }
  meter.done = size;
}

export function toCell(cell: XLSX.CellObject): Cell {
  const v = cell.v;
  switch (cell.t) {
    case 'n':
      return typeof v === 'number' ? numberCell(v) : textCell(String(v ?? ''));
    case 'd':
      return dateCell(v instanceof Date ? v : new Date(String(v)));
    case 'b':
      return { text: v ? 'TRUE' : 'FALSE' };
    case 'e':
      return textCell(cell.w ?? '#ERROR');
    case 'z':
      return { text: '' };
    default:
      return textCell(String(v ?? ''));
  }
}

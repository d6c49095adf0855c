import { posix } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { KeyDeskError } from '../../../../src-shared/contract/index.js';
import { xlsbRefused } from './errors.js';
import { SharedStrings, type SharedStringValue } from './xlsx-shared-strings.js';
import { exceljsSafeXml } from './xlsx-xml-fix.js';
import { openEntry, openZip, type ZipArchive } from './zip.js';
import type { SheetInfo } from './types.js';

/**
 * exceljs's streaming WorkbookReader, driven part by part. Its public `parse()` walks the zip in file
 * order, so for Excel-written files (shared strings after the sheets) it spools every sheet to a temp
 * file first and leaves those files behind when a preview stops early. Its per-part parsers are sound,
 * so we feed them the parts ourselves, in dependency order, from the zip directory. These are exceljs
 * 4.4 internals — pinned by the tests in tests/unit/reading; re-check them when upgrading exceljs.
 */
export interface ExcelRow {
  number: number;
  eachCell(callback: (cell: ExcelCell, column: number) => void): void;
}
export interface ExcelCell {
  value: unknown;
  numFmt?: string;
}
type ExcelWorksheetReader = AsyncIterable<ExcelRow>;
interface ExcelWorkbookInternals {
  workbookRels?: { Id: string; Target: string; Type?: string }[];
  model?: { sheets?: { name: string; rId: string; state?: string }[] };
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<{ index: number; text: SharedStringValue }>;
  _parseWorksheet(iterable: Readable, sheetNo: string): Iterable<{ eventType: string; value: ExcelWorksheetReader }>;
}

export interface XlsxSheet extends SheetInfo {
  part: string;
}

export interface XlsxBook {
  zip: ZipArchive;
  sheets: XlsxSheet[];
  date1904: boolean;
  internals: ExcelWorkbookInternals;
}

/**
 * A part as text chunks, made safe for exceljs (xlsx-xml-fix.ts). Decoding here rather than in exceljs,
 * which decodes each chunk alone, keeps a Chinese character split across two chunks intact.
 */
async function partStream(zip: ZipArchive, name: string, onBytes?: (n: number) => void): Promise<Readable | null> {
  const entry = zip.entries.get(name);
  if (!entry) return null;
  const stream = await openEntry(zip, entry, onBytes);
  stream.setEncoding('utf8');
  return Readable.from(exceljsSafeXml(stream));
}

export async function openXlsxBook(path: string, fileSize: number): Promise<XlsxBook> {
  const zip = await openZip(path, fileSize);
  if (!zip.entries.has('xl/workbook.xml')) {
    if (zip.entries.has('xl/workbook.bin')) throw xlsbRefused();
    throw new KeyDeskError('IMPORT_NOT_SPREADSHEET', { reason: '压缩包里没有工作簿' });
  }
  const Reader = ExcelJS.stream.xlsx.WorkbookReader;
  const internals = new Reader(path, {
    worksheets: 'emit',
    sharedStrings: 'emit', // parsed lazily into SharedStrings; cells then carry { sharedString: index }
    hyperlinks: 'ignore', // the cell keeps its display text; the link target is not needed
    styles: 'cache', // number formats: without them date cells arrive as bare serial numbers
    entries: 'ignore',
  }) as unknown as ExcelWorkbookInternals;

  const rels = await partStream(zip, 'xl/_rels/workbook.xml.rels');
  if (!rels) throw new KeyDeskError('IMPORT_CORRUPT_FILE', { reason: '缺少工作簿关系表' });
  await internals._parseRels(rels);
  await internals._parseWorkbook((await partStream(zip, 'xl/workbook.xml'))!);

  const sheets: XlsxSheet[] = [];
  for (const sheet of internals.model?.sheets ?? []) {
    const rel = internals.workbookRels?.find((r) => r.Id === sheet.rId);
    // Chart sheets and dialog sheets have no cells.
    if (!rel || (rel.Type && !rel.Type.endsWith('/worksheet'))) continue;
    const part = rel.Target.startsWith('/') ? rel.Target.slice(1) : posix.normalize(posix.join('xl', rel.Target));
    sheets.push({ index: sheets.length, name: sheet.name, part, ...(sheet.state && sheet.state !== 'visible' && { hidden: true }) });
  }
  return { zip, sheets, date1904: internals.properties?.model?.date1904 === true, internals };
}

/** Number formats (dates) and the shared-string table: what the cells of any sheet refer to. */
export async function loadCellContext(book: XlsxBook): Promise<SharedStrings> {
  const { zip, internals } = book;
  const styles = await partStream(zip, 'xl/styles.xml');
  if (styles) await internals._parseStyles(styles);
  const part = await partStream(zip, 'xl/sharedStrings.xml');
  if (!part) return new SharedStrings(null, null);
  return new SharedStrings(internals._parseSharedStrings(part)[Symbol.asyncIterator](), part);
}

/** Rows of one sheet, parsed as the part streams in — no temp file, nothing buffered beyond a chunk. */
export async function sheetRows(book: XlsxBook, sheet: XlsxSheet, onBytes?: (n: number) => void): Promise<ExcelWorksheetReader> {
  const stream = await partStream(book.zip, sheet.part, onBytes);
  if (!stream) throw new KeyDeskError('IMPORT_CORRUPT_FILE', { reason: `缺少工作表 ${sheet.name}` });
  const sheetNo = /(\d+)\.xml$/.exec(sheet.part)?.[1] ?? String(sheet.index + 1);
  for (const { eventType, value } of book.internals._parseWorksheet(stream, sheetNo)) {
    if (eventType === 'worksheet') return value;
  }
  stream.destroy();
  throw new KeyDeskError('IMPORT_CORRUPT_FILE', { reason: `无法读取工作表 ${sheet.name}` });
}

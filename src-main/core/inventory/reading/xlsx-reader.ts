import { KeyDeskError } from '../../../../src-shared/contract/index.js';
import { asImportError } from './errors.js';
import { dateCell, isDateFormat, numberCell, serialToDate, textCell, trimRow } from './cells.js';
import { loadCellContext, openXlsxBook, sheetRows, type ExcelCell } from './xlsx-book.js';
import type { SharedStrings } from './xlsx-shared-strings.js';
import type { Cell, ProgressMeter, RawRow, SheetInfo } from './types.js';

export async function listXlsxSheets(path: string, size: number): Promise<SheetInfo[]> {
  try {
    const book = await openXlsxBook(path, size);
    return book.sheets.map(({ index, name, hidden }) => (hidden ? { index, name, hidden } : { index, name }));
  } catch (err) {
    throw asImportError(err);
  }
}

/** Progress is measured in compressed bytes of the sheet's part: that is what takes time to read. */
export async function* readXlsxRows(path: string, size: number, sheetIndex: number, meter: ProgressMeter): AsyncGenerator<RawRow> {
  let shared: SharedStrings | undefined;
  try {
    const book = await openXlsxBook(path, size);
    const sheet = book.sheets[sheetIndex];
    if (!sheet) throw new KeyDeskError('IMPORT_SHEET_NOT_FOUND', { sheet: sheetIndex, sheets: book.sheets.map((s) => s.name) });
    shared = await loadCellContext(book);
    meter.total = book.zip.entries.get(sheet.part)?.compressedSize ?? 0;
    const rows = await sheetRows(book, sheet, (n) => {
      meter.done += n;
    });
    let previous = 0;
    for await (const row of rows) {
      const cells: Cell[] = [];
      const sharedRefs: [number, number][] = [];
      row.eachCell((cell, column) => {
        const ref = sharedIndex(cell.value);
        if (ref === null) cells[column - 1] = toCell(cell, book.date1904);
        else sharedRefs.push([column - 1, ref]);
      });
      for (const [col, index] of sharedRefs) cells[col] = textCell(shared.loaded(index) ?? (await shared.text(index)));
      for (let i = 0; i < cells.length; i++) cells[i] ??= { text: '' };
      // xlsx-xml-fix fills in missing r= before exceljs sees the row; this only guards against NaN.
      const number = Number.isFinite(row.number) ? row.number : previous + 1;
      previous = number;
      const trimmed = trimRow(cells);
      if (trimmed.length > 0) yield { row: number, cells: trimmed };
    }
  } catch (err) {
    throw asImportError(err);
  } finally {
    await shared?.close();
  }
}

function sharedIndex(value: unknown): number | null {
  if (value === null || typeof value !== 'object' || !('sharedString' in value)) return null;
  const index = (value as { sharedString: unknown }).sharedString;
  return typeof index === 'number' ? index : null;
}

/** One exceljs cell value (every shape the streaming reader produces) → display text. */
export function toCell(cell: ExcelCell, date1904: boolean): Cell {
  return valueToCell(cell.value, cell.numFmt, date1904);
}

function valueToCell(value: unknown, numFmt: string | undefined, date1904: boolean): Cell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'number') return numberCell(value);
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return dateCell(value);
  if (typeof value !== 'object') return textCell(String(value));
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return textCell(v.richText.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join(''));
  if ('formula' in v || 'sharedFormula' in v || 'result' in v) {
    // exceljs never calculates: the cached result is what Excel showed. It also skips the date check
    // for formula results, so a date-formatted =TODAY()+365 would otherwise read as 46568.
    const result = v.result;
    if (typeof result === 'number' && isDateFormat(numFmt)) return dateCell(serialToDate(result, date1904));
    if (result !== null && typeof result === 'object' && 'error' in result) return textCell(String((result as { error: unknown }).error));
    return valueToCell(result, undefined, date1904);
  }
  if ('error' in v) return textCell(String(v.error));
  if ('text' in v) return valueToCell(v.text, numFmt, date1904);
  return { text: '' };
}

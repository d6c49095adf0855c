// One streamed table to .xlsx or .csv: the shape every export shares (keys, audit log, reports). Rows
// arrive as an async iterable so a million-row export stays flat in memory; the CSV starts with a BOM so
// Chinese Excel reads UTF-8 correctly. A workbook may hold several tables, one sheet each (a report
// with several parts), written one after the other.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

export type TableCell = string | number;
/** A workbook cell; null leaves it empty. */
export type SheetCell = TableCell | null;

export interface TableSheet {
  sheetName: string;
  header: string[];
  widths?: number[];
  /** Excel number format per column (`#,##0.00` for 元, `0.00%` for a rate); xlsx only. */
  numFmts?: (string | undefined)[];
}

export interface TableFile extends TableSheet {
  format: 'xlsx' | 'csv';
  /** How one value is written in CSV; the default quotes separators and defuses formulas (= + - @). */
  csvCell?: (v: TableCell) => string;
}

export interface WorkbookPart extends TableSheet {
  rows: AsyncIterable<SheetCell[]> | Iterable<SheetCell[]>;
  /** A bold last row, asked for once every row is written (so a streamed table can sum as it goes). */
  totals?: () => SheetCell[] | undefined;
}

export function safeCsvCell(v: TableCell): string {
  // A text cell starting with = + - @ would run as a formula when Excel opens the file.
  const s = typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Data rows per sheet: Excel opens at most 1,048,576 rows, so a longer table goes on in `名称（2）`. */
export const SHEET_ROWS = 1_000_000;

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, part: WorkbookPart, name: string): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  if (part.widths || part.numFmts) {
    sheet.columns = part.header.map((_, i) => ({
      ...(part.widths?.[i] !== undefined && { width: part.widths[i] }),
      ...(part.numFmts?.[i] !== undefined && { style: { numFmt: part.numFmts[i] } }),
    }));
  }
  const header = sheet.addRow(part.header);
  header.font = { bold: true };
  header.commit();
  return sheet;
}

/**
 * Writes every part as its own sheet to `path` (.xlsx), a part longer than `sheetRows` over several;
 * returns the rows written per part (totals not counted).
 */
export async function writeWorkbook(path: string, parts: WorkbookPart[], sheetRows = SHEET_ROWS): Promise<number[]> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const counts: number[] = [];
  for (const part of parts) {
    let sheets = 1;
    let sheet = addSheet(workbook, part, part.sheetName);
    let count = 0;
    let since = performance.now();
    for await (const r of part.rows) {
      if (count > 0 && count % sheetRows === 0) {
        sheet.commit();
        sheet = addSheet(workbook, part, `${part.sheetName}（${++sheets}）`);
      }
      sheet.addRow(r).commit();
      count++;
      // Writing a row costs ~0.1–0.5 ms: give the event loop (and the file stream) a turn every ~20 ms.
      if (count % 64 === 0 && performance.now() - since > 20) {
        await new Promise((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    }
    const totals = part.totals?.();
    if (totals) {
      const row = sheet.addRow(totals);
      row.font = { bold: true };
      row.commit();
    }
    sheet.commit();
    counts.push(count);
  }
  await workbook.commit();
  return counts;
}

/** Writes the header and every row to `path`; returns the number of rows written. */
export async function writeTableFile(path: string, table: TableFile, rows: AsyncIterable<TableCell[]>): Promise<number> {
  if (table.format === 'xlsx') return (await writeWorkbook(path, [{ ...table, rows }]))[0]!;
  let count = 0;
  const cell = table.csvCell ?? safeCsvCell;
  const out = createWriteStream(path);
  out.write('\uFEFF' + table.header.join(',') + '\r\n');
  for await (const r of rows) {
    if (!out.write(r.map(cell).join(',') + '\r\n')) await once(out, 'drain');
    count++;
  }
  out.end();
  await once(out, 'finish');
  return count;
}

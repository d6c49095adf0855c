// One streamed table to .xlsx or .csv: the shape every export shares (keys, audit log). Rows arrive as an
// async iterable so a million-row export stays flat in memory; the CSV starts with a BOM so Chinese Excel
// reads UTF-8 correctly.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

export type TableCell = string | number;

export interface TableFile {
  format: 'xlsx' | 'csv';
  sheetName: string;
  header: string[];
  widths?: number[];
  /** How one value is written in CSV; the default quotes separators and defuses formulas (= + - @). */
  csvCell?: (v: TableCell) => string;
}

export function safeCsvCell(v: TableCell): string {
  // A text cell starting with = + - @ would run as a formula when Excel opens the file.
  const s = typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes the header and every row to `path`; returns the number of rows written. */
export async function writeTableFile(path: string, table: TableFile, rows: AsyncIterable<TableCell[]>): Promise<number> {
  let count = 0;
  if (table.format === 'xlsx') {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const sheet = workbook.addWorksheet(table.sheetName);
    if (table.widths) sheet.columns = table.widths.map((width) => ({ width }));
    sheet.addRow(table.header).commit();
    for await (const r of rows) {
      sheet.addRow(r).commit();
      count++;
    }
    await workbook.commit();
    return count;
  }
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

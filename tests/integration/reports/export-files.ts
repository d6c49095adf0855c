// Reading an exported workbook back the way a person and a leak scanner would: exceljs for the cells,
// and every part of the zip unpacked to text for a plaintext search.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { readZip } from '../../../src-main/core/rpa/trace-scrub.js';
import type { Core } from '../../../src-main/core/index.js';
import { expectOk } from '../../helpers/core.js';

export interface Exported {
  fileName: string;
  rows: number;
  path: string;
  book: ExcelJS.Workbook;
  /** Every xml part of the file, unzipped. */
  text: string;
}

export async function exportAndRead(core: Core, input: Record<string, unknown>): Promise<Exported> {
  const out = expectOk<{ downloadId: string; fileName: string; rows: number }>(await core.call('reports.export', input));
  const path = core.services.files.download(out.downloadId).path;
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const text = readZip(readFileSync(path)).map((e) => e.data.toString('utf8')).join('\n');
  return { fileName: out.fileName, rows: out.rows, path, book, text };
}

/** A sheet's rows as plain values (1-based columns dropped), empty cells as null. */
export function sheetValues(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).value ?? null);
    out.push(cells);
  });
  return out;
}

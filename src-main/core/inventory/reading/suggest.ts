import { detectHeader, HEADER_SCAN_ROWS } from './layout/header.js';
import { listSheets, readRows } from './read.js';
import type { ImportSource, RawRow } from './types.js';

/** Sheets looked at before giving up and offering the first one. */
const MAX_SHEETS_TRIED = 10;

async function firstRows(source: ImportSource, sheet: number): Promise<RawRow[]> {
  for await (const chunk of readRows(source, { sheet, chunkRows: HEADER_SCAN_ROWS })) return chunk;
  return [];
}

/**
 * The sheet a preview should open on. Suppliers often put a 说明 / notice sheet first: this is the first
 * visible sheet whose first rows show a 卡密 column (by header or by content), else the first visible one.
 * For .xls/.ods each sheet tried is parsed in full, so call it once per file, not per keystroke.
 */
export async function suggestSheet(source: ImportSource): Promise<number> {
  const sheets = await listSheets(source);
  const visible = sheets.filter((s) => !s.hidden);
  if (sheets.length <= 1) return 0;
  for (const sheet of visible.slice(0, MAX_SHEETS_TRIED)) {
    const rows = await firstRows(source, sheet.index);
    if (detectHeader(rows).columns.some((c) => c.field === 'secret')) return sheet.index;
  }
  return visible[0]?.index ?? 0;
}

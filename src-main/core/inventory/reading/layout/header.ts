import type { z } from 'zod';
import type { KeyField, columnGuess } from '../../../../../src-shared/contract/index.js';
import type { RawRow } from '../types.js';
import { classifyColumns, KEY_TOKEN } from './content-guess.js';
import { filledCells, isFooterRow } from './rows.js';
import { containedHeaderField, exactHeaderField } from './synonyms.js';

export type ColumnGuess = z.infer<typeof columnGuess>;

export interface HeaderGuess {
  /** Row number (as in RawRow.row) of the header, or null when the file has none. */
  headerRow: number | null;
  columns: ColumnGuess[];
  /** First row that looks like data (after the header, titles, blanks); null = none in the sample. */
  firstDataRow: number | null;
}

/** How far down a header may sit (title rows, notes, blank lines above it). */
export const HEADER_SCAN_ROWS = 30;

/**
 * Where the header is and which column holds what. Pure: takes the first rows of a sheet.
 * The header is the first row naming a known field; title rows (one merged cell) and blanks above it
 * are passed over. Without a header, columns are guessed by content: dates → expiry; of the key-like
 * columns the leftmost two are 卡号 + 卡密, a single one is 卡密.
 */
export function detectHeader(rows: RawRow[]): HeaderGuess {
  const sample = rows.slice(0, HEADER_SCAN_ROWS).filter((r) => filledCells(r) > 0);
  let at = sample.findIndex((r) => r.cells.some((c) => exactHeaderField(c.text) !== null));
  // Failing an exact header word, a row of labels (no key-like values) that contains one: 卡密信息, 商品面值.
  if (at < 0) at = sample.findIndex((r) => filledCells(r) >= 2 && r.cells.some((c) => containedHeaderField(c.text) !== null) && r.cells.every((c) => !KEY_TOKEN.test(c.text)));
  return at >= 0 ? withHeader(sample, at) : withoutHeader(sample);
}

function width(rows: RawRow[]): number {
  return Math.max(0, ...rows.map((r) => r.cells.length));
}

function withHeader(sample: RawRow[], at: number): HeaderGuess {
  const header = sample[at]!;
  const data = sample.slice(at + 1).filter((r) => !isFooterRow(r));
  const columns: ColumnGuess[] = [];
  const owner = new Map<KeyField, number>();
  const n = Math.max(header.cells.length, width(data));
  for (let index = 0; index < n; index++) {
    const text = header.cells[index]?.text ?? '';
    const field = exactHeaderField(text);
    if (field && owner.has(field)) {
      // A second 卡密 column: never silently pick one; the preview shows it as a duplicate of the first.
      columns.push({ index, header: text, field: null, confidence: 'none', duplicateOf: owner.get(field)! });
      continue;
    }
    if (field) owner.set(field, index);
    columns.push({ index, header: text, field, confidence: field ? 'header' : 'none' });
  }
  for (const col of columns) {
    if (col.field || col.duplicateOf !== undefined) continue;
    const field = containedHeaderField(col.header);
    if (field && !owner.has(field)) {
      owner.set(field, col.index);
      Object.assign(col, { field, confidence: 'header' });
    }
  }
  // A header we don't know over a column of dates is still the expiry; keys are never guessed when a header exists.
  if (!owner.has('expiry')) {
    const taken = new Set(columns.filter((c) => c.field || c.duplicateOf !== undefined).map((c) => c.index));
    const date = classifyColumns(data, n, taken).dates[0];
    if (date !== undefined) Object.assign(columns[date]!, { field: 'expiry', confidence: 'content' });
  }
  return { headerRow: header.row, columns, firstDataRow: data[0]?.row ?? null };
}

function withoutHeader(sample: RawRow[]): HeaderGuess {
  const rows = sample.filter((r) => !isFooterRow(r));
  const n = width(rows);
  // A lone filled cell on top of a multi-column table is a title (merged cells), not data.
  const typical = mode(rows.map(filledCells));
  const data = typical >= 2 ? rows.filter((r) => filledCells(r) >= 2) : rows;
  const kinds = classifyColumns(data, n, new Set());
  const fields = new Map<number, KeyField>();
  if (kinds.dates[0] !== undefined) fields.set(kinds.dates[0], 'expiry');
  const [first, second] = kinds.keys;
  if (first !== undefined && second !== undefined) {
    fields.set(first, 'cardNo');
    fields.set(second, 'secret');
  } else if (first !== undefined) {
    fields.set(first, 'secret');
  }
  const columns: ColumnGuess[] = Array.from({ length: n }, (_, index) => {
    const field = fields.get(index) ?? null;
    return { index, header: '', field, confidence: field ? 'content' : 'none' };
  });
  return { headerRow: null, columns, firstDataRow: data[0]?.row ?? null };
}

function mode(values: number[]): number {
  const tally = new Map<number, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  let best = 0, bestCount = 0;
  for (const [v, count] of tally) if (count > bestCount || (count === bestCount && v > best)) [best, bestCount] = [v, count];
  return best;
}

import { KeyDeskError, type KeyField } from '../../../../src-shared/contract/index.js';
import { readRows, detectHeader, type RawRow, type ColumnGuess, type ImportSource as ReaderSource } from '../reading/index.js';
import type { Mapping } from './row-rules.js';

export const SAMPLE_ROWS = 30;

/** The first rows of a sheet, read without streaming the rest. */
export async function firstRows(source: ReaderSource, sheet: number, signal?: AbortSignal): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const chunk of readRows(source, { sheet, chunkRows: SAMPLE_ROWS, ...(signal && { signal }) })) {
    rows.push(...chunk);
    if (rows.length >= SAMPLE_ROWS) break;
  }
  return rows.slice(0, SAMPLE_ROWS);
}

export interface Layout {
  headerRow: number | null;
  columns: ColumnGuess[];
  mapping: Mapping;
}

/**
 * Where the data starts and which column is which: the owner's choice from the preview wins over the
 * guess. A layout with no secret column, or one pointing past the widest row, is refused by name.
 */
export function resolveLayout(sample: RawRow[], chosen: { headerRow?: number | null; mapping?: Mapping }): Layout {
  const guess = detectHeader(sample);
  const headerRow = chosen.headerRow === undefined ? guess.headerRow : chosen.headerRow;
  const mapping: Mapping = chosen.mapping ?? Object.fromEntries(guess.columns.filter((c) => c.field).map((c) => [c.field as KeyField, c.index]));
  if (mapping.secret === undefined) throw new KeyDeskError('IMPORT_NO_KEY_COLUMN', { columns: guess.columns.map((c) => c.header) });
  // Rows come with trailing empty cells trimmed; the header guess knows the full width.
  const width = Math.max(guess.columns.length, ...sample.map((r) => r.cells.length));
  const fields = Object.entries(mapping) as [KeyField, number][];
  const outside = fields.filter(([, col]) => width > 0 && col >= width);
  if (outside.length) {
    throw new KeyDeskError('IMPORT_BAD_MAPPING', { issues: outside.map(([field, col]) => ({ field, message: `第 ${col + 1} 列不存在（文件只有 ${width} 列）` })) });
  }
  const cols = fields.map(([, col]) => col);
  if (new Set(cols).size !== cols.length) throw new KeyDeskError('IMPORT_BAD_MAPPING', { issues: [{ field: 'mapping', message: '同一列被指定给了两个字段' }] });
  return { headerRow, columns: guess.columns, mapping };
}

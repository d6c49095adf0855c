import type { Cell, RawRow } from '../reading/index.js';

// Rows cross to the staging worker as one string per chunk: structured-cloning thousands of small
// objects costs more than reading the file. Separators are ASCII control characters that no key
// contains; a cell that does carry one gets U+FFFD instead, which the row rules then reject.
const ROW = '\u001d';
const CELL = '\u001e';
const FIELD = '\u001f';
// eslint-disable-next-line no-control-regex -- these separators are the point
const CONTROL = /[\u001d\u001e\u001f]/g;

export function encodeRows(rows: RawRow[]): string {
  let out = '';
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let unsafe = '';
    let cells = '';
    for (let i = 0; i < row.cells.length; i++) {
      const cell = row.cells[i]!;
      if (cell.unsafeNumber) unsafe += (unsafe ? ',' : '') + i;
      cells += (i ? CELL : '') + cell.text.replace(CONTROL, '\uFFFD');
    }
    out += (r ? ROW : '') + row.row + FIELD + unsafe + FIELD + cells;
  }
  return out;
}

export function decodeRows(text: string): RawRow[] {
  if (text === '') return [];
  return text.split(ROW).map((line) => {
    const [row, unsafe, cells] = line.split(FIELD) as [string, string, string];
    const flagged = new Set(unsafe ? unsafe.split(',').map(Number) : []);
    return {
      row: Number(row),
      cells: cells.split(CELL).map((text, i): Cell => (flagged.has(i) ? { text, unsafeNumber: true } : { text })),
    };
  });
}

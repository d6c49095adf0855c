/** What every reader produces, whatever the container. */

export type FileFormat = 'xlsx' | 'xls' | 'ods' | 'csv' | 'txt';

/**
 * One cell as the merchant sees it. `text` is already normalised (see `normaliseCell`); a cell longer
 * than MAX_CELL_CHARS is cut to MAX_CELL_CHARS + 1 characters, so "too long" stays detectable without
 * holding the whole string. `unsafeNumber`: the file stored a number of 16+ digits, which a spreadsheet
 * keeps as a double — the last digits are already gone and `text` is only what Excel would display.
 */
export interface Cell {
  text: string;
  unsafeNumber?: boolean;
}

/** `row` is the row number shown in Excel / the line number in a text file (1-based). */
export interface RawRow {
  row: number;
  cells: Cell[];
}

export interface SheetInfo {
  index: number;
  name: string;
  hidden?: boolean;
}

/** A file on disk, or text pasted into a box. */
export type ImportSource = { path: string } | { text: string; name?: string };

export interface ReadOptions {
  /** Index into `listSheets()`; default 0. Text formats have a single sheet 0. */
  sheet?: number;
  signal?: AbortSignal;
  /** Rows per yielded chunk; default 2000. */
  chunkRows?: number;
  /** Called before each chunk with how far through the source the reader is (bytes, or characters for pasted text). */
  onProgress?: (done: number, total: number) => void;
}

/** Readers advance `done` towards `total` (bytes of the source, or characters of pasted text). */
export interface ProgressMeter {
  done: number;
  total: number;
}

export const DEFAULT_CHUNK_ROWS = 2000;
export const MAX_CELL_CHARS = 10_000;
/** SheetJS reads .xls/.ods wholly into memory; past this the merchant must split or re-save as .xlsx. */
export const MAX_IN_MEMORY_BYTES = 100 * 1024 * 1024;

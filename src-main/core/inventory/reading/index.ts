/**
 * 读取导入文件: any supplier file (xlsx, xls, ods, csv, txt, pasted text) → rows of normalised cells,
 * plus the pure layout rules (header row, column guesses, footers, expiry days). What a row *means*
 * (valid key, duplicate, expired) is the import pipeline's business, not this folder's.
 */
export type { Cell, FileFormat, ImportSource, RawRow, ReadOptions, SheetInfo } from './types.js';
export { MAX_CELL_CHARS, MAX_IN_MEMORY_BYTES, DEFAULT_CHUNK_ROWS } from './types.js';
export type { KeyField } from '../../../../src-shared/contract/index.js';
export { listSheets, readRows } from './read.js';
export { suggestSheet } from './suggest.js';
export { detectFormat } from './sniff.js';
export { normaliseCell } from './cells.js';
export { detectHeader, HEADER_SCAN_ROWS, type ColumnGuess, type HeaderGuess } from './layout/header.js';
export { isFooterRow } from './layout/rows.js';
export { parseExpiry, type ExpiryResult } from './layout/expiry.js';

import type { RawRow } from '../types.js';

export function filledCells(row: RawRow): number {
  return row.cells.reduce((n, c) => (c.text !== '' ? n + 1 : n), 0);
}

/**
 * 合计 / 总计 / 小计 / 共计 / 共 N 条 in the first filled cell: a summary line under the data, never a key.
 * The pipeline skips these rows instead of reporting them as invalid.
 */
export function isFooterRow(row: RawRow): boolean {
  const first = row.cells.find((c) => c.text !== '')?.text.replace(/\s+/g, '');
  if (!first) return false;
  return /^(合计|總計|总计|小计|共计|合計)/.test(first) || /^共\d+(条|张|个|行|组|项|笔)/.test(first) || /^(total|sum|总数)[:]?\d*$/i.test(first);
}

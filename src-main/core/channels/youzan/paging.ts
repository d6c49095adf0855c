// Reading a newest-updated-first 有赞 list safely. While we page, orders updated again leave the window and
// everything behind them moves up a slot: reading forward would skip rows. Reading from the last page back
// to the first only ever shows a row twice, and duplicates are dropped by id. 有赞 also caps how deep a
// list may be paged (page_no ≤ 100; refunds page_no × page_size ≤ 3000): a window with more rows than
// that is cut in half until each half fits.
import type { TimeWindow } from '../types.js';

export interface Page<T> {
  items: T[];
  total: number;
}

/** Reads every row of one window, halving the window while it holds more than `maxRows`. */
export async function readWindowBackwards<T>(
  window: TimeWindow,
  pageSize: number,
  maxRows: number,
  fetchPage: (window: TimeWindow, pageNo: number) => Promise<Page<T>>,
): Promise<T[]> {
  const first = await fetchPage(window, 1);
  // Windows go out in whole seconds, so a window under 2 s cannot be cut further.
  if (first.total > maxRows && window.to - window.from >= 2_000) {
    const middle = window.from + Math.floor((window.to - window.from) / 2_000) * 1_000;
    return [
      ...(await readWindowBackwards({ from: window.from, to: middle }, pageSize, maxRows, fetchPage)),
      ...(await readWindowBackwards({ from: middle, to: window.to }, pageSize, maxRows, fetchPage)),
    ];
  }
  const pages = Math.min(Math.ceil(first.total / pageSize), Math.floor(maxRows / pageSize));
  const items = [...first.items];
  if (pages <= 1) return items;
  // Page 1 is read again last: its rows may have moved since.
  for (let pageNo = pages; pageNo >= 1; pageNo--) items.push(...(await fetchPage(window, pageNo)).items);
  return items;
}

/** One entry per id, the most recently updated one. */
export function keepNewest<T>(items: T[], idOf: (item: T) => string, updatedAt: (item: T) => number): T[] {
  const byId = new Map<string, T>();
  for (const item of items) {
    const seen = byId.get(idOf(item));
    if (!seen || updatedAt(item) > updatedAt(seen)) byId.set(idOf(item), item);
  }
  return [...byId.values()];
}

/** Cuts a window into consecutive parts of at most `maxMs`. */
export function splitWindow(window: TimeWindow, maxMs: number): TimeWindow[] {
  const parts: TimeWindow[] = [];
  for (let from = window.from; from < window.to; from += maxMs) parts.push({ from, to: Math.min(window.to, from + maxMs) });
  return parts;
}

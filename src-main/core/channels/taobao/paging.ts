// Reading a newest-modified-first list safely. While we page, orders modified again leave the window and
// everything behind them moves up a slot: reading forward would skip rows. Reading from the last page
// back to the first only ever shows a row twice, and duplicates are dropped by id.
import type { TimeWindow } from '../types.js';

export interface Page<T> {
  items: T[];
  total: number;
}

/** Page 1 tells the total; then the last page back to page 1 (re-read: its rows may have moved). */
export async function readBackwards<T>(pageSize: number, fetchPage: (pageNo: number) => Promise<Page<T>>): Promise<T[]> {
  const first = await fetchPage(1);
  const pages = Math.ceil(first.total / pageSize);
  const items = [...first.items];
  if (pages <= 1) return items;
  for (let pageNo = pages; pageNo >= 1; pageNo--) items.push(...(await fetchPage(pageNo)).items);
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

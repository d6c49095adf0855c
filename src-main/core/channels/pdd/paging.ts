// 拼多多's safe paging order: learn the page count, then read from the last page back to page 1, so an
// order that leaves the window mid-way (updated again) shifts only pages already read. Pages found past
// the counted end (the list grew) are read afterwards.
import { ChannelError } from '../errors.js';

export interface Page<T> {
  items: T[];
  /** Known on the counting call. */
  total?: number;
  hasNext: boolean;
}

/** A runaway page count (or a gateway that always says has_next) stops here instead of looping. */
export const MAX_PAGES = 1_000;

export async function fetchBackwards<T>(
  fetchPage: (page: number, counting: boolean) => Promise<Page<T>>,
  pageSize: number,
  platformTitle: string,
): Promise<T[]> {
  const first = await fetchPage(1, true);
  const total = first.total ?? first.items.length;
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1 && !first.hasNext) return first.items;
  const last = Math.max(pages, 1);
  if (last > MAX_PAGES) {
    throw new ChannelError('give_up', `${platformTitle}一个时间窗内有 ${total} 条记录，超过 ${MAX_PAGES} 页，请缩短查询时间窗`);
  }
  const out: T[] = [];
  let grew = false;
  for (let page = last; page >= 1; page--) {
    const result = await fetchPage(page, false);
    out.push(...result.items);
    if (page === last) grew = result.hasNext;
  }
  for (let page = last + 1; grew; page++) {
    if (page > MAX_PAGES) throw new ChannelError('bad_response', `${platformTitle}一直返回“还有下一页”，已停止翻页`);
    const result = await fetchPage(page, false);
    out.push(...result.items);
    grew = result.hasNext && result.items.length > 0;
  }
  return out;
}

/** Splits a window into pieces no longer than `maxMs` (a guard: callers should already pass legal ones). */
export function splitWindow(from: number, to: number, maxMs: number): { from: number; to: number }[] {
  if (to < from) return [];
  const pieces: { from: number; to: number }[] = [];
  for (let start = from; ; ) {
    const end = Math.min(start + maxMs, to);
    pieces.push({ from: start, to: end });
    if (end >= to) return pieces;
    start = end;
  }
}

// Reading a platform's update-time list safely. While we page, an order updated again leaves its place
// and every row behind it moves up a slot: reading forward would skip rows. So the first page only tells
// the total, then the pages are read from the last back to the first: a moving row can then only be read
// twice, never missed, and `keepNewest` drops the extra copy by id.
import { ChannelError } from './errors.js';
import type { TimeWindow } from './types.js';

export interface Page<T> {
  items: T[];
  /** Rows in the whole list. Required on the counting read unless `hasNext` says whether more follow. */
  total?: number;
  /** The platform's "more pages follow" flag, for lists that can grow past the counted end. */
  hasNext?: boolean;
}

/** `counting` is true only for the first read, the one whose total sizes the pass. */
export type FetchPage<T> = (pageNo: number, counting: boolean) => Promise<Page<T>>;

export interface BackwardsOptions {
  pageSize: number;
  /** Number of the first page: 1 on most platforms, 0 on 抖店. */
  firstPage?: number;
  /**
   * 淘宝/有赞 keep the rows of the counting read as well as those of the backward pass (page 1 is then
   * read twice); the others keep only the backward pass, so a row that left the list mid-read is not
   * reported in the state it had before it left.
   */
  keepCountingRead?: boolean;
  /** The platform refuses to page past this many rows (有赞 page_no ≤ 100): the pass stops there. */
  maxRows?: number;
  /**
   * A runaway page count, or a gateway that always says has_next, stops here with an error rather than
   * looping (拼多多, 微店). Omitted: no limit.
   */
  maxPages?: { count: number; platform: string };
}

/**
 * Every row of one list. `first`, when given, is the counting read the caller already made (to look at
 * its total before choosing a window); otherwise it is fetched here. Pages that turn up past the counted
 * end (`hasNext` on the last page: the list grew meanwhile) are read afterwards.
 */
export async function readBackwards<T>(fetchPage: FetchPage<T>, options: BackwardsOptions, first?: Page<T>): Promise<T[]> {
  const base = options.firstPage ?? 1;
  const counted = first ?? (await fetchPage(base, true));
  const total = counted.total ?? counted.items.length;
  const limit = options.maxPages;
  const pages = Math.min(Math.ceil(total / options.pageSize), Math.floor((options.maxRows ?? Number.POSITIVE_INFINITY) / options.pageSize));
  if (pages <= 1 && !counted.hasNext) return [...counted.items];
  const last = Math.max(pages, 1);
  if (limit && last > limit.count) {
    throw new ChannelError('give_up', `${limit.platform}一个时间窗内有 ${total} 条记录，超过 ${limit.count} 页，请缩短查询时间窗`);
  }
  const out: T[] = options.keepCountingRead ? [...counted.items] : [];
  let grew = false;
  for (let n = last; n >= 1; n--) {
    const page = await fetchPage(base + n - 1, false);
    out.push(...page.items);
    if (n === last) grew = page.hasNext === true;
  }
  for (let n = last + 1; grew; n++) {
    if (limit && n > limit.count) throw new ChannelError('bad_response', `${limit.platform}一直返回“还有下一页”，已停止翻页`);
    const page = await fetchPage(base + n - 1, false);
    out.push(...page.items);
    grew = page.hasNext === true && page.items.length > 0;
  }
  return out;
}

/**
 * Every row of one window, for platforms whose page depth is capped (`maxRows`): a window holding more
 * rows than that is cut in half, on whole seconds since windows go out as second-precision times, until
 * each half fits or is under 2 s and cannot be cut further.
 */
export async function readWindowBackwards<T>(
  window: TimeWindow,
  fetchPage: (window: TimeWindow, pageNo: number, counting: boolean) => Promise<Page<T>>,
  options: BackwardsOptions,
): Promise<T[]> {
  const inWindow: FetchPage<T> = (pageNo, counting) => fetchPage(window, pageNo, counting);
  const first = await inWindow(options.firstPage ?? 1, true);
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  if ((first.total ?? first.items.length) > maxRows && window.to - window.from >= 2_000) {
    const middle = window.from + Math.floor((window.to - window.from) / 2_000) * 1_000;
    return [
      ...(await readWindowBackwards({ from: window.from, to: middle }, fetchPage, options)),
      ...(await readWindowBackwards({ from: middle, to: window.to }, fetchPage, options)),
    ];
  }
  return readBackwards(inWindow, options, first);
}

/**
 * One entry per id, the most recently updated. On a tie the later copy wins: it was read later, so it
 * is at least as fresh (whole-second update times can hide a change made within the same second).
 */
export function keepNewest<T extends { updatedAt: number }>(items: Iterable<T>, idOf: (item: T) => string): T[] {
  const byId = new Map<string, T>();
  for (const item of items) {
    const seen = byId.get(idOf(item));
    if (!seen || item.updatedAt >= seen.updatedAt) byId.set(idOf(item), item);
  }
  return [...byId.values()];
}

/** Cuts a window into consecutive parts of at most `maxMs`; an empty or inverted window has none. */
export function splitWindow(window: TimeWindow, maxMs: number): TimeWindow[] {
  const parts: TimeWindow[] = [];
  for (let from = window.from; from < window.to; from += maxMs) parts.push({ from, to: Math.min(window.to, from + maxMs) });
  return parts;
}

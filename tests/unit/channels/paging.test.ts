// Shared paging (core/channels/paging.ts): last page back to the first, the optional page-depth cap that
// halves a window (有赞), growth past the counted end (拼多多/微店), 0-based pages (抖店), and dedupe.
import { describe, expect, it } from 'vitest';
import { keepNewest, readBackwards, readWindowBackwards, splitWindow, type Page } from '../../../src-main/core/channels/paging.js';
import type { TimeWindow } from '../../../src-main/core/channels/types.js';

/** A fake list: one row per second of the window, newest first, refusing pages past `maxPage`. */
function fakeList(rowsAt: number[], pageSize: number, maxPage: number) {
  const calls: { window: TimeWindow; pageNo: number }[] = [];
  const fetchPage = async (window: TimeWindow, pageNo: number): Promise<Page<number>> => {
    calls.push({ window, pageNo });
    if (pageNo > maxPage) throw new Error(`page ${pageNo} is past the cap`);
    const rows = rowsAt.filter((t) => t >= window.from && t <= window.to).sort((a, b) => b - a);
    return { items: rows.slice((pageNo - 1) * pageSize, pageNo * pageSize), total: rows.length };
  };
  return { calls, fetchPage };
}

describe('readWindowBackwards', () => {
  it('reads page 1, then the last page back to page 1', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => i * 1000);
    const { calls, fetchPage } = fakeList(rows, 10, 100);
    const got = await readWindowBackwards({ from: 0, to: 30_000 }, fetchPage, { pageSize: 10, maxRows: 1000, keepCountingRead: true });
    expect(calls.map((c) => c.pageNo)).toEqual([1, 3, 2, 1]);
    expect(new Set(got)).toEqual(new Set(rows));
  });

  it('halves a window that holds more rows than the platform lets us page through', async () => {
    const rows = Array.from({ length: 95 }, (_, i) => i * 1000);
    const { calls, fetchPage } = fakeList(rows, 10, 3); // at most 30 rows reachable per window
    const got = await readWindowBackwards({ from: 0, to: 95_000 }, fetchPage, { pageSize: 10, maxRows: 30, keepCountingRead: true });
    expect(new Set(got)).toEqual(new Set(rows));
    expect(Math.max(...calls.map((c) => c.pageNo))).toBeLessThanOrEqual(3);
    // Every split lands on a whole second, as the API's time strings require.
    expect(calls.every((c) => c.window.from % 1000 === 0 && c.window.to % 1000 === 0)).toBe(true);
  });
});

describe('readBackwards', () => {
  const pagesOf = (rows: string[], size: number) => (pageNo: number) => rows.slice((pageNo - 1) * size, pageNo * size);

  it('keeps only the backward pass unless asked to keep the counting read too', async () => {
    const page = pagesOf(['a', 'b', 'c'], 2);
    const fetchPage = async (pageNo: number): Promise<Page<string>> => ({ items: page(pageNo), total: 3 });
    expect(await readBackwards(fetchPage, { pageSize: 2 })).toEqual(['c', 'a', 'b']);
    expect(await readBackwards(fetchPage, { pageSize: 2, keepCountingRead: true })).toEqual(['a', 'b', 'c', 'a', 'b']);
  });

  it('numbers pages from 0 when told, and reuses a counting read the caller already made', async () => {
    const seen: number[] = [];
    const fetchPage = async (pageNo: number): Promise<Page<number>> => {
      seen.push(pageNo);
      return { items: [pageNo], total: 3 };
    };
    expect(await readBackwards(fetchPage, { pageSize: 1, firstPage: 0 }, { items: [0], total: 3 })).toEqual([2, 1, 0]);
    expect(seen).toEqual([2, 1, 0]);
  });

  it('reads pages that appear past the counted end, and stops a gateway that always says has_next', async () => {
    const grown = async (pageNo: number, counting: boolean): Promise<Page<number>> =>
      counting ? { items: [1], total: 2, hasNext: true } : { items: [pageNo], hasNext: pageNo < 3 };
    expect(await readBackwards(grown, { pageSize: 1 })).toEqual([2, 1, 3]);

    const endless = async (pageNo: number): Promise<Page<number>> => ({ items: [pageNo], total: 2, hasNext: true });
    await expect(readBackwards(endless, { pageSize: 1, maxPages: { count: 5, platform: '拼多多' } })).rejects.toMatchObject({ kind: 'bad_response' });
    const huge = async (): Promise<Page<number>> => ({ items: [], total: 10_000 });
    await expect(readBackwards(huge, { pageSize: 1, maxPages: { count: 5, platform: '拼多多' } })).rejects.toMatchObject({ kind: 'give_up' });
  });
});

describe('keepNewest and splitWindow', () => {
  it('keeps the newest copy per id, the later one on a tie', () => {
    const rows = [
      { id: 'a', updatedAt: 2, n: 1 },
      { id: 'a', updatedAt: 1, n: 2 },
      { id: 'b', updatedAt: 5, n: 3 },
      { id: 'b', updatedAt: 5, n: 4 },
    ];
    expect(keepNewest(rows, (r) => r.id).map((r) => r.n)).toEqual([1, 4]);
  });

  it('cuts a window into parts no longer than the limit', () => {
    expect(splitWindow({ from: 0, to: 25 }, 10)).toEqual([
      { from: 0, to: 10 },
      { from: 10, to: 20 },
      { from: 20, to: 25 },
    ]);
    expect(splitWindow({ from: 5, to: 5 }, 10)).toEqual([]);
  });
});

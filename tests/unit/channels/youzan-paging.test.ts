// 有赞 paging: last page back to the first, and windows too deep for page_no ≤ 100 cut in half.
import { describe, expect, it } from 'vitest';
import type { TimeWindow } from '../../../src-main/core/channels/types.js';
import { readWindowBackwards, type Page } from '../../../src-main/core/channels/youzan/paging.js';

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

describe('有赞 window paging', () => {
  it('reads page 1, then the last page back to page 1', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => i * 1000);
    const { calls, fetchPage } = fakeList(rows, 10, 100);
    const got = await readWindowBackwards({ from: 0, to: 30_000 }, 10, 1000, fetchPage);
    expect(calls.map((c) => c.pageNo)).toEqual([1, 3, 2, 1]);
    expect(new Set(got)).toEqual(new Set(rows));
  });

  it('halves a window that holds more rows than the platform lets us page through', async () => {
    const rows = Array.from({ length: 95 }, (_, i) => i * 1000);
    const { calls, fetchPage } = fakeList(rows, 10, 3); // at most 30 rows reachable per window
    const got = await readWindowBackwards({ from: 0, to: 95_000 }, 10, 30, fetchPage);
    expect(new Set(got)).toEqual(new Set(rows));
    expect(Math.max(...calls.map((c) => c.pageNo))).toBeLessThanOrEqual(3);
    // Every split lands on a whole second, as the API's time strings require.
    expect(calls.every((c) => c.window.from % 1000 === 0 && c.window.to % 1000 === 0)).toBe(true);
  });
});

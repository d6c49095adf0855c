// One page of a simulated list, and the `duplicate` fault: rows moving between pages while a client
// pages through, seen from outside as a page that repeats rows of its neighbours and comes back in the
// wrong order. Each gateway has always shown the fault in its own shape; the shapes are kept as they
// were, so every adapter's de-duplication is still tested against the one its platform's tests expect.

/**
 * 淘宝, 有赞 (pages from 1): the page reversed, between the first row of the next page and the last of
 * the previous one.
 */
export function pageBetweenNeighbours<T>(list: T[], pageNo: number, pageSize: number, duplicate: boolean): T[] {
  const start = (pageNo - 1) * pageSize;
  const page = list.slice(start, start + pageSize);
  if (!duplicate || page.length === 0) return page;
  const before = start > 0 ? list[start - 1] : undefined;
  const after = list[start + pageSize];
  return [...(after === undefined ? [] : [after]), ...page.reverse(), ...(before === undefined ? [] : [before])];
}

/**
 * 拼多多, 微店 (pages from 1): the page overlaps both neighbours by one row, repeats its own first row,
 * and comes back reversed.
 */
export function pageOverlapping<T>(list: T[], pageNo: number, pageSize: number, duplicate: boolean): T[] {
  const start = (pageNo - 1) * pageSize;
  const slice = list.slice(start, start + pageSize);
  if (!duplicate || slice.length === 0) return slice;
  const neighbours = [list[start - 1], list[start + pageSize]].filter((x): x is T => x !== undefined);
  return [...slice, ...neighbours, slice[0]!].reverse();
}

/**
 * 抖店 (pages from 0), 独立站 (pages from 1): the previous page's last row repeats, and the page comes
 * back reversed.
 */
export function pageRepeatingPrevious<T>(list: T[], page: number, size: number, duplicate: boolean, firstPage: 0 | 1): T[] {
  const start = (page - firstPage) * size;
  const slice = list.slice(start, start + size);
  if (!duplicate) return slice;
  const prev = start > 0 ? list[start - 1] : undefined;
  return [...(prev === undefined ? [] : [prev]), ...slice].reverse();
}

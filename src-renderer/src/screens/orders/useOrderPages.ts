import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrderFilter, OrderLine } from '../../../../src-shared/contract/methods/orders.js';
import { call } from '../../api/index.js';

export const PAGE_SIZE = 100;
const MAX_PAGE = 500;
/** A live refresh re-reads what is shown, up to this many rows; further down the owner loads on. */
const MAX_REFRESH_ROWS = 2_000;

export interface OrderPages {
  lines: OrderLine[];
  total: number;
  counts: Record<string, number>;
  hasMore: boolean;
  /** This filter has no answer yet (the table shows its spinner, not the previous filter's rows). */
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore(): void;
  /** Re-reads what is shown (after an event), keeping as many rows as there were. */
  refresh(): void;
}

interface Loaded {
  /** The filter (as JSON) these rows answer. */
  answers: string | undefined;
  lines: OrderLine[];
  total: number;
  counts: Record<string, number>;
  more: boolean;
  error: unknown;
}

const NOTHING: Omit<Loaded, 'answers'> = { lines: [], total: 0, counts: {}, more: false, error: undefined };
type Read = 'first' | 'more' | 'refresh';

/**
 * The orders table's data: filtered and paged in the core (newest paid first, keyset on the last
 * line id). One read at a time per filter: a refresh asked for during a read runs once after it, so
 * a stream of events can neither pile up requests nor starve the table of answers. A new filter
 * drops whatever the old one still had in flight.
 */
export function useOrderPages(filter: OrderFilter): OrderPages {
  const key = JSON.stringify(filter);
  const [loaded, setLoaded] = useState<Loaded>({ ...NOTHING, answers: undefined });
  const [loadingMore, setLoadingMore] = useState(false);
  // Mirrors what the reads need synchronously; `key` tells a read of an old filter to drop its answer.
  const live = useRef({ key, busy: false, refreshWanted: false, lines: NOTHING.lines, more: false });

  const run = useCallback(
    async function go(kind: Read): Promise<void> {
      const l = live.current;
      if (kind !== 'first' && l.busy) {
        if (kind === 'refresh') l.refreshWanted = true;
        return;
      }
      if (kind === 'more' && !l.more) return;
      l.busy = true;
      if (kind === 'more') setLoadingMore(true);
      const base = JSON.parse(key) as OrderFilter;
      try {
        const next = kind === 'more' ? await readMore(base, l.lines) : await readTop(base, kind === 'first' ? PAGE_SIZE : l.lines.length);
        if (l.key !== key) return;
        l.lines = next.lines;
        l.more = next.more;
        setLoaded({ ...next, answers: key });
      } catch (error) {
        if (l.key !== key) return;
        if (kind === 'first') {
          // Not the previous filter's rows under this filter's error.
          l.lines = NOTHING.lines;
          l.more = false;
          setLoaded({ ...NOTHING, answers: key, error });
        } else {
          setLoaded((s) => ({ ...s, error }));
        }
      } finally {
        if (l.key === key) {
          l.busy = false;
          setLoadingMore(false);
          if (l.refreshWanted) {
            l.refreshWanted = false;
            void go('refresh');
          }
        }
      }
    },
    [key],
  );

  useEffect(() => {
    live.current = { key, busy: false, refreshWanted: false, lines: NOTHING.lines, more: false };
    void run('first');
  }, [key, run]);

  const loadMore = useCallback(() => void run('more'), [run]);
  const refresh = useCallback(() => void run('refresh'), [run]);

  const current = loaded.answers === key;
  return {
    lines: current ? loaded.lines : NOTHING.lines,
    total: current ? loaded.total : 0,
    // The chips keep the last counts while a new filter loads, so they do not flicker to zero.
    counts: loaded.counts,
    hasMore: current && loaded.more,
    loading: !current,
    loadingMore,
    error: current ? loaded.error : undefined,
    loadMore,
    refresh,
  };
}

async function readTop(filter: OrderFilter, shown: number): Promise<Omit<Loaded, 'answers'>> {
  const want = Math.min(Math.max(shown, PAGE_SIZE), MAX_REFRESH_ROWS);
  let lines: OrderLine[] = [];
  for (;;) {
    const limit = Math.min(MAX_PAGE, want - lines.length);
    const after = lines.at(-1)?.id;
    const page = await call('orders.list', { ...filter, ...(after !== undefined && { after }), limit });
    lines = appendNew(lines, page.lines);
    const more = page.lines.length === limit;
    if (!more || lines.length >= want) return { lines, total: page.total, counts: page.counts, more, error: undefined };
  }
}

async function readMore(filter: OrderFilter, shown: OrderLine[]): Promise<Omit<Loaded, 'answers'>> {
  const after = shown.at(-1)?.id;
  const page = await call('orders.list', { ...filter, ...(after !== undefined && { after }), limit: PAGE_SIZE });
  return { lines: appendNew(shown, page.lines), total: page.total, counts: page.counts, more: page.lines.length === PAGE_SIZE, error: undefined };
}

/** A line can move between pages while the owner scrolls (new orders arrive on top): never show it twice. */
function appendNew(shown: OrderLine[], page: OrderLine[]): OrderLine[] {
  const seen = new Set(shown.map((l) => l.id));
  return [...shown, ...page.filter((l) => !seen.has(l.id))];
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyFilter, KeyRow } from '../../../../../src-shared/contract/methods/inventory.js';
import { call } from '../../../api/index.js';

export const PAGE_SIZE = 100;
const MAX_PAGE = 500;

export interface KeyPages {
  rows: KeyRow[];
  total: number;
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  loadMore(): void;
  /** Re-reads what is shown (after a change), keeping as many rows loaded as there were. */
  refresh(): void;
}

/**
 * The keys table's data: filtered and paged in the core (keyset on id, newest first), so a product
 * with a million keys costs one page at a time. A new filter starts over; an answer to an older
 * request is dropped so a fast typist never sees the rows of a previous search.
 */
export function useKeyPages(filter: KeyFilter): KeyPages {
  const key = JSON.stringify(filter);
  const [state, setState] = useState<{ rows: KeyRow[]; total: number; next: number | null; error: unknown }>({ rows: [], total: 0, next: null, error: undefined });
  const [loading, setLoading] = useState(true);
  const request = useRef(0);
  const shown = useRef(0);
  shown.current = state.rows.length;

  const load = useCallback(
    async (afterId: number | undefined, limit: number) => {
      const mine = ++request.current;
      setLoading(true);
      try {
        const page = await call('inventory.keys', { ...(JSON.parse(key) as KeyFilter), ...(afterId !== undefined && { afterId }), limit });
        if (mine !== request.current) return;
        setState((s) => ({ rows: afterId === undefined ? page.rows : [...s.rows, ...page.rows], total: page.total, next: page.nextAfterId, error: undefined }));
      } catch (error) {
        if (mine === request.current) setState((s) => ({ ...s, error }));
      } finally {
        if (mine === request.current) setLoading(false);
      }
    },
    [key],
  );

  useEffect(() => {
    setState({ rows: [], total: 0, next: null, error: undefined });
    void load(undefined, PAGE_SIZE);
  }, [load]);

  const loadMore = useCallback(() => {
    if (loading || state.next === null) return;
    void load(state.next, PAGE_SIZE);
  }, [load, loading, state.next]);

  const refresh = useCallback(() => void load(undefined, Math.min(Math.max(shown.current, PAGE_SIZE), MAX_PAGE)), [load]);

  return { rows: state.rows, total: state.total, hasMore: state.next !== null, loading, error: state.error, loadMore, refresh };
}

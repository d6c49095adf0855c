import { useEffect } from 'react';
import { onEvent, type KeyDeskEvent } from '../../api/index.js';
import { useCall, type CallState } from '../../hooks/useCall.js';
import type { Workbench } from '../../../../src-shared/contract/index.js';

type EventName = KeyDeskEvent['event'];

/**
 * Events that can move a figure, a problem count or the delivery feed: lines changing (new orders,
 * deliveries, refunds), the ledger catching up, holds decided, shops or cloud sheets failing or recovering.
 */
const WORKBENCH_MOVES: readonly EventName[] = ['orders.changed', 'reports.changed', 'risk.changed', 'shops.changed', 'sync.updated'];

/**
 * At most one re-read per this long. Not a trailing debounce: while a burst of orders streams in it would
 * never fire; the first event starts the wait and the rest of the burst rides along.
 */
const COALESCE_MS = 500;

/** Calls `reload` after any of `events` (coalesced), and after the event stream reconnects. */
export function useReloadOn(reload: () => void, events: readonly EventName[]): void {
  const key = events.join(',');
  useEffect(() => {
    const wanted = new Set(key.split(','));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onEvent((message) => {
      if (!wanted.has(message.event) || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        reload();
      }, COALESCE_MS);
    }, reload);
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [reload, key]);
}

/** `reports.workbench`, read again whenever something it shows may have changed. */
export function useLiveWorkbench(): CallState<Workbench> {
  const workbench = useCall('reports.workbench', {});
  useReloadOn(workbench.reload, WORKBENCH_MOVES);
  return workbench;
}

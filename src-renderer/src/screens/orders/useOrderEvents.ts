import { useEffect, useMemo } from 'react';
import { onEvent, type KeyDeskEvent } from '../../api/index.js';

/**
 * At most one refresh per this long. Not a trailing debounce: while orders stream in (thousands a
 * second under load) a debounce would never fire, so the first event starts the wait and the rest
 * of the burst rides along.
 */
const COALESCE_MS = 300;

function useCoalescedEvent(refresh: () => void, matches: (message: KeyDeskEvent) => boolean): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onEvent(
      (message) => {
        if (!matches(message) || timer !== undefined) return;
        timer = setTimeout(() => {
          timer = undefined;
          refresh();
        }, COALESCE_MS);
      },
      // Events may have been missed while the stream was down.
      refresh,
    );
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [refresh, matches]);
}

/**
 * Calls `refresh` when order lines changed: of `shopId` when given, of one of `lineIds` when given
 * (the detail drawer), any otherwise.
 */
export function useOrdersChanged(refresh: () => void, scope: { shopId?: number | undefined; lineIds?: readonly number[] | undefined } = {}): void {
  const { shopId } = scope;
  // A string, so a new array with the same ids does not re-subscribe.
  const lineKey = scope.lineIds?.join(',');
  const matches = useMemo(() => {
    const lines = lineKey === undefined ? undefined : new Set(lineKey.split(',').filter(Boolean).map(Number));
    return (message: KeyDeskEvent): boolean => {
      if (message.event !== 'orders.changed') return false;
      if (shopId !== undefined && !message.payload.shopIds.includes(shopId)) return false;
      return lines === undefined || message.payload.lineIds.some((id) => lines.has(id));
    };
  }, [shopId, lineKey]);
  useCoalescedEvent(refresh, matches);
}

const isShopsChanged = (message: KeyDeskEvent) => message.event === 'shops.changed';

/** Calls `refresh` when a shop was added, changed state, polled or failed. */
export function useShopsChanged(refresh: () => void): void {
  useCoalescedEvent(refresh, isShopsChanged);
}

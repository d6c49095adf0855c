import { useEffect } from 'react';
import { onEvent } from '../../api/index.js';

/**
 * Calls `refresh` when the core reports a stock change (import, undo, void, restore, product saved)
 * for `productId` (any product when omitted), and after the event stream reconnected, when changes
 * may have been missed.
 */
export function useInventoryChanged(refresh: () => void, productId?: number): void {
  useEffect(
    () =>
      onEvent((message) => {
        if (message.event !== 'inventory.changed') return;
        if (productId === undefined || message.payload.productIds.includes(productId)) refresh();
      }, refresh),
    [refresh, productId],
  );
}

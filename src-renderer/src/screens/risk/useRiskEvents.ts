import { useEffect, useState } from 'react';
import { onEvent } from '../../api/index.js';

/** At most one refresh per this long: a burst of held orders re-reads once. */
const COALESCE_MS = 300;

/**
 * Calls `refresh` when a hold was opened, decided or verified (`risk.changed`), or when order lines
 * changed (`orders.changed`: a delay hold released itself, a refund arrived), and after the event
 * stream came back from a drop.
 */
export function useRiskChanged(refresh: () => void): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onEvent((message) => {
      if ((message.event !== 'risk.changed' && message.event !== 'orders.changed') || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        refresh();
      }, COALESCE_MS);
    }, refresh);
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [refresh]);
}

/** The current time, re-read every `everyMs`: for countdowns to a shipping deadline. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

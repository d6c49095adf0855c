import { useEffect } from 'react';
import { onEvent } from '../../../api/index.js';

/** A notice is logged at once but reaches the bots a moment later: re-read this long after it. */
const AFTER_NOTICE_MS = 1500;
/** Grouped sends and retries happen later without an event of their own: re-read this often too. */
const EVERY_MS = 30_000;

/** Re-reads the bots and the alert log after notices (one re-read per burst), on reconnect, and now and then. */
export function useAlertsChanged(refresh: () => void): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onEvent((message) => {
      if (message.event !== 'app.notice' || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        refresh();
      }, AFTER_NOTICE_MS);
    }, refresh);
    const every = setInterval(refresh, EVERY_MS);
    return () => {
      stop();
      clearInterval(every);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [refresh]);
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { onEvent } from '../../api/index.js';

/** Events within this long of the first are one re-read (a steady stream still re-reads every second). */
const SETTLE_MS = 1_000;

/**
 * A number that goes up when the report numbers may have changed: the ledger counted new or changed
 * lines (`reports.changed`, settled for a second), the event stream came back after a drop, or the
 * owner changed something here (`bump`, e.g. a fee rate).
 */
export function useReportsVersion(): [number, () => void] {
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onEvent((message) => {
      if (message.event !== 'reports.changed' || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        bump();
      }, SETTLE_MS);
    }, bump);
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [bump]);
  return [version, bump];
}

/** Calls `reload` each time `version` moves on (not on mount: the first read is the mount's own). */
export function useReloadOn(version: number, reload: () => void): void {
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    reload();
  }, [version, reload]);
}

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SandboxStatus } from '../../../src-shared/contract/methods/sandbox.js';
import { call, onEvent } from '../api/index.js';

interface SandboxState {
  status: SandboxStatus | undefined;
  error: unknown;
  setStatus(status: SandboxStatus): void;
}

const SandboxContext = createContext<SandboxState | null>(null);

/**
 * One reading of the sandbox for the whole workbench (header badge, home, settings), kept live by
 * `sandbox.changed` and re-read after the event stream reconnects.
 */
export function SandboxProvider(props: { children: ReactNode }) {
  const [status, setStatus] = useState<SandboxStatus>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let live = true;
    const read = () =>
      call('sandbox.status', {}).then(
        (s) => live && (setStatus(s), setError(undefined)),
        (err: unknown) => live && setError(err),
      );
    void read();
    const stop = onEvent(
      (message) => {
        if (message.event === 'sandbox.changed') setStatus(message.payload);
      },
      () => void read(),
    );
    return () => {
      live = false;
      stop();
    };
  }, []);

  const value = useMemo(() => ({ status, error, setStatus }), [status, error]);
  return <SandboxContext.Provider value={value}>{props.children}</SandboxContext.Provider>;
}

export function useSandbox(): SandboxState {
  const sandbox = useContext(SandboxContext);
  if (!sandbox) throw new Error('useSandbox: outside SandboxProvider');
  return sandbox;
}

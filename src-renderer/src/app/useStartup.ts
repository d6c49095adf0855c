import { useCallback, useEffect, useState } from 'react';
import type { VaultStatus } from '../../../src-shared/contract/methods/vault.js';
import { call, forgetToken, isApiError, onEvent, type ApiError } from '../api/index.js';
import { useI18n } from '../i18n/index.js';

export type Startup =
  | { phase: 'loading' }
  | { phase: 'token-refused' }
  | { phase: 'unreachable'; error: unknown }
  | { phase: 'ready'; status: VaultStatus };

/**
 * Loads the saved language and the vault state, then keeps the state live from `vault.changed`
 * (and refetches after the event stream reconnects, since events may have been missed meanwhile).
 */
export function useStartup(): { startup: Startup; retry(): void; setStatus(s: VaultStatus): void } {
  const { adoptLanguage } = useI18n();
  const [startup, setStartup] = useState<Startup>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([call('settings.get', {}), call('vault.status', {})]).then(
      ([settings, status]) => {
        if (!live) return;
        adoptLanguage(settings.language);
        setStartup({ phase: 'ready', status });
      },
      (err: ApiError) => {
        if (!live) return;
        if (isApiError(err, 'UNAUTHORIZED')) {
          forgetToken();
          setStartup({ phase: 'token-refused' });
        } else setStartup({ phase: 'unreachable', error: err });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt, adoptLanguage]);

  useEffect(
    () =>
      onEvent(
        (message) => {
          if (message.event === 'vault.changed') setStartup({ phase: 'ready', status: message.payload });
        },
        () => {
          call('vault.status', {}).then(
            (status) => setStartup({ phase: 'ready', status }),
            (err: unknown) => setStartup({ phase: 'unreachable', error: err }),
          );
        },
      ),
    [],
  );

  const retry = useCallback(() => {
    setStartup({ phase: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  const setStatus = useCallback((status: VaultStatus) => setStartup({ phase: 'ready', status }), []);
  return { startup, retry, setStatus };
}

import { useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../src-shared/contract/index.js';
import { call } from '../api/index.js';

export interface CallState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Put in what a mutation returned, instead of reading it again. */
  setData(data: T): void;
}

/**
 * Reads one contract method for a screen and re-reads when the input changes or `reload()` is called.
 * Each answer is stamped with the request it answers, so "loading" is simply "the latest request has
 * no answer yet", and a late answer to an earlier request never shows over a newer one.
 */
export function useCall<M extends MethodName>(method: M, input: MethodInput<M>): CallState<MethodOutput<M>> {
  const key = JSON.stringify(input);
  const [round, setRound] = useState(0);
  const request = `${method}|${round}|${key}`;
  const [state, setState] = useState<{ answers?: string; data?: MethodOutput<M>; error?: unknown }>({});

  useEffect(() => {
    let live = true;
    call(method, JSON.parse(key) as MethodInput<M>).then(
      (data) => live && setState({ answers: request, data }),
      (error: unknown) => live && setState((s) => ({ answers: request, data: s.data, error })),
    );
    return () => {
      live = false;
    };
  }, [method, key, request]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const setData = useCallback((data: MethodOutput<M>) => setState({ answers: request, data }), [request]);
  return { data: state.data, error: state.error, loading: state.answers !== request, reload, setData };
}

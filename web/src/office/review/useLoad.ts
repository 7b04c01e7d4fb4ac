import { useCallback, useEffect, useState, type DependencyList } from 'react';

export interface Loaded<T> {
  loading: boolean;
  /** The last answer, kept while the next one loads so a table does not blank between pages. */
  data?: T;
  error?: unknown;
  reload(): void;
  /** Puts an answer in place without a request (a decision returns the declaration it changed). */
  replace(data: T): void;
}

/** Loads when the dependencies change; aborts the request that a newer one replaces. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ loading: boolean; data?: T; error?: unknown }>({ loading: true });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ loading: true, data: previous.data }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ loading: false, data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ loading: false, data: previous.data, error }));
      },
    );
    return () => controller.abort();
    // The caller's dependencies stand for `load`, which is a new function on every render.
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((data: T) => setState({ loading: false, data }), []);
  return { ...state, reload, replace };
}

import { useCallback, useEffect, useState, type DependencyList } from 'react';

export interface Loaded<T> {
  loading: boolean;
  /** The last answer, kept while the next one loads so a table does not blank between pages. */
  data?: T;
  error?: unknown;
  reload(): void;
  /** Puts an answer in place without a request (a change returns the record it changed). */
  replace(data: T): void;
}

/**
 * Loads when the dependencies change, aborting the request a newer one replaces. Nothing loads
 * while `load` is undefined (the screen does not know yet what to ask for).
 */
export function useLoad<T>(load: ((signal: AbortSignal) => Promise<T>) | undefined, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ loading: boolean; data?: T; error?: unknown }>({ loading: true });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!load) return;
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

export type LoadState<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: unknown };

/**
 * The same loading for a screen that shows one thing at a time (a skeleton, the answer, or the
 * error): `key` says when `load` asks for something else.
 */
export function useLoadState<T>(load: ((signal: AbortSignal) => Promise<T>) | undefined, key: string) {
  const loaded = useLoad(load, [key]);
  let state: LoadState<T>;
  if (loaded.loading) state = { status: 'loading' };
  else if (loaded.error !== undefined) state = { status: 'failed', error: loaded.error };
  else state = { status: 'ready', value: loaded.data as T };
  return { state, retry: loaded.reload, replace: loaded.replace };
}

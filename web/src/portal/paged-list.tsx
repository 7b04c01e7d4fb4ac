import { useCallback, useEffect, useState } from 'react';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api/errors.ts';

export interface Page<T> {
  items: T[];
  cursor?: string | undefined;
}

export type PagedState<T, Extra extends object> =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | ({ status: 'ready'; items: T[]; cursor: string | undefined; more?: 'loading' | { error: unknown } } & Extra);

/**
 * A list the API pages by key: the first page (with anything else the screen loads alongside it),
 * then "load more" pages appended. `first` and `next` must be stable (useCallback): a new `first`
 * reloads the list.
 */
export function usePagedList<T, Extra extends object = object>(
  first: (signal: AbortSignal) => Promise<Page<T> & Extra>,
  next: (cursor: string) => Promise<Page<T>>,
) {
  const [state, setState] = useState<PagedState<T, Extra>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    first(controller.signal).then(
      (page) => {
        if (!controller.signal.aborted) setState({ ...page, status: 'ready', cursor: page.cursor });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [first, attempt]);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !state.cursor || state.more === 'loading') return;
    const current = state;
    setState({ ...current, more: 'loading' });
    next(state.cursor).then(
      (page) => setState({ ...current, items: [...current.items, ...page.items], cursor: page.cursor, more: undefined }),
      (error: unknown) => setState({ ...current, more: { error } }),
    );
  }, [next, state]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, loadMore, retry };
}

/** The "load more" button under a paged list, with the error of a failed page above it. */
export function LoadMore({ state, onMore, label, className }: {
  state: { cursor: string | undefined; more?: 'loading' | { error: unknown } };
  onMore: () => void;
  label: string;
  className: string;
}) {
  const { t } = useTranslation();
  if (!state.cursor) return null;
  return (
    <div className={className}>
      {state.more && state.more !== 'loading' && (
        <p className="field-error" role="alert">
          {messageOf(state.more.error, t)}
        </p>
      )}
      <Button size="large" block loading={state.more === 'loading'} onClick={onMore}>
        {label}
      </Button>
    </div>
  );
}

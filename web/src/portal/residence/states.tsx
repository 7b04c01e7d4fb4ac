import type { ReactNode } from 'react';
import type { LoadState } from '../../app/load.ts';
import { Button, ErrorBlock, Skeleton } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../api/errors.ts';

/** While a page's data is on its way. */
export function LoadingBlock({ lines = 5 }: { lines?: number }) {
  const { t } = useTranslation();
  return (
    <div className="rs-loading" role="status" aria-label={t('common:state.loading')}>
      <Skeleton.Title animated />
      <Skeleton.Paragraph lineCount={lines} animated />
    </div>
  );
}

/** A failed load, with what went wrong and a way to try again. */
export function LoadError({ error, retry, title }: { error: unknown; retry: () => void; title?: string }) {
  const { t } = useTranslation();
  return (
    <ErrorBlock status="default" className="rs-error" title={title ?? t('common:error.loadFailed')} description={messageOf(error, t)}>
      <Button color="primary" onClick={retry}>
        {t('common:action.retry')}
      </Button>
    </ErrorBlock>
  );
}

/** Nothing here yet, and the one thing to do about it. */
export function EmptyState({ title, description, children }: { title: string; description?: string; children?: ReactNode }) {
  return (
    <ErrorBlock status="empty" className="rs-empty" title={title} description={description}>
      {children}
    </ErrorBlock>
  );
}

/** A message that belongs to the form as a whole (a conflict, the network), above its button. */
export function FormAlert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div className="form-alert" role="alert">
      {message}
    </div>
  );
}

/**
 * A small part of a form that loads on its own (a deadline for the date chosen): a line while it
 * loads, the failure with a retry, else the part itself.
 */
export function InlineLoad<T>({ state, loading, retry, children }: { state: LoadState<T>; loading: string; retry: () => void; children: (value: T) => ReactNode }) {
  const { t } = useTranslation();
  if (state.status === 'loading') {
    return (
      <p className="rs-field-note" role="status">
        {loading}
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="rs-inline-error" role="alert">
        <p>{messageOf(state.error, t)}</p>
        <Button size="small" onClick={retry}>
          {t('common:action.retry')}
        </Button>
      </div>
    );
  }
  return <>{children(state.value)}</>;
}

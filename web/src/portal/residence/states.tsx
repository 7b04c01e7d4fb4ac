import type { ReactNode } from 'react';
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

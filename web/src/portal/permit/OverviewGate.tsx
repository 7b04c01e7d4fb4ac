import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors.ts';
import { EmptyState, LoadError, LoadingBlock } from '../residence/states.tsx';
import { LinkButton } from './parts.tsx';
import type { LoadedOverview, usePermitOverview } from './usePermit.ts';

/**
 * The permit overview's states before a page can show it: loading, a failure to retry, and the one
 * failure that is not a failure — no real-name profile yet, which the permit needs first.
 */
export function OverviewGate({
  loaded,
  lines = 6,
  children,
}: {
  loaded: ReturnType<typeof usePermitOverview>;
  lines?: number;
  children: (data: LoadedOverview) => ReactNode;
}) {
  const { t } = useTranslation();
  if (loaded.data) return <>{children(loaded.data)}</>;
  if (loaded.error === undefined) return <LoadingBlock lines={lines} />;
  if (loaded.error instanceof ApiError && loaded.error.code === 'profile_not_found') {
    return (
      <div className="rs-page">
        <EmptyState title={t('residence:declare.profileFirstTitle')} description={t('permit:profileFirst')}>
          <LinkButton to={`/me/profile?next=${encodeURIComponent('/permit')}`} primary>
            {t('residence:declare.toProfile')}
          </LinkButton>
        </EmptyState>
      </div>
    );
  }
  return <LoadError error={loaded.error} retry={loaded.reload} />;
}

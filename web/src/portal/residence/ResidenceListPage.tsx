import { useCallback } from 'react';
import { Button } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { getProfile, listDeclarations } from '#shared/api/residence';
import type { CallOutput } from '../../api/client.ts';
import { ApiError } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { LoadMore, usePagedList } from '../paged-list.tsx';
import { useLanguage } from '../../i18n/language.ts';
import { AddressText, Reference, StatusTag } from './parts.tsx';
import { EmptyState, LoadError, LoadingBlock } from './states.tsx';
import { formatDay, formatMoment } from './words.ts';

type Summary = CallOutput<typeof listDeclarations>['items'][number];

/** 我的登记: every declaration, newest first, a page at a time. */
export default function ResidenceListPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const navigate = useNavigate();
  const first = useCallback(
    async (signal: AbortSignal) => {
      const profile = call(getProfile, { signal }).then(
        () => true,
        (error: unknown) => {
          if (error instanceof ApiError && error.code === 'profile_not_found') return false;
          throw error;
        },
      );
      const [page, hasProfile] = await Promise.all([call(listDeclarations, { query: {}, signal }), profile]);
      return { ...page, hasProfile };
    },
    [call],
  );
  const next = useCallback((cursor: string) => call(listDeclarations, { query: { cursor } }), [call]);
  const { state, loadMore, retry } = usePagedList<Summary, { hasProfile: boolean }>(first, next);

  if (state.status === 'loading') return <LoadingBlock />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;

  const declare = () => navigate(state.hasProfile ? '/residence/declare' : `/me/profile?next=${encodeURIComponent('/residence/declare')}`);
  const pending = state.items.find((item) => item.status === 'submitted' || item.status === 'returned');
  const declareButton = (
    <Button color="primary" size="large" block onClick={declare}>
      {t('residence:list.declare')}
    </Button>
  );
  const profileNote = (
    <>
      {!state.hasProfile && <p className="rs-field-note">{t('residence:list.profileFirst')}</p>}
      <Link className="rs-text-link" to="/house">
        {t('residence:house.enterCode')}
      </Link>
    </>
  );

  if (state.items.length === 0) {
    return (
      <div className="rs-page">
        <EmptyState title={t('residence:list.emptyTitle')} description={t('residence:list.emptyDescription')}>
          <div className="rs-empty-actions">
            {declareButton}
            {profileNote}
          </div>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="rs-page">
      <div className="rs-actions rs-actions-top">
        {pending ? (
          <p className="rs-banner">
            {t('residence:list.pending')}{' '}
            <Link to={`/residence/${pending.id}`}>{t('residence:list.viewPending')}</Link>
          </p>
        ) : (
          <>
            {declareButton}
            {profileNote}
          </>
        )}
      </div>
      <ul className="rs-cards" aria-label={t('residence:list.label')}>
        {state.items.map((item) => (
          <li key={item.id}>
            <Link className="rs-card rs-item" to={`/residence/${item.id}`}>
              <span className="rs-item-head">
                <StatusTag status={item.status} />
                <Reference id={item.id} />
              </span>
              <span className="rs-item-place">
                <AddressText path={item.address.path} detail={item.address.detail} />
              </span>
              <span className="rs-item-dates">
                {t('residence:list.movedIn', { date: formatDay(item.moveInDate, language, t) })}
                {' · '}
                {t('residence:list.submitted', { date: formatMoment(item.submittedAt, language, t) })}
              </span>
              <RightOutline className="rs-chevron rs-item-chevron" aria-hidden="true" />
            </Link>
          </li>
        ))}
      </ul>
      <LoadMore state={state} onMore={loadMore} label={t('residence:list.more')} className="rs-actions" />
    </div>
  );
}

import type { ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, messageOf } from '../../api/errors.ts';
import type { Loaded } from '../../app/load.ts';
import type { QueueReturn } from './paths.ts';

/** A record of the station (a declaration, a permit application) while it loads. */
export function RecordLoading() {
  const { t } = useTranslation();
  return (
    <div className="office-center review-loading" role="status">
      <Spin size="large" description={t('common:state.loading')} />
    </div>
  );
}

/** A record on screen being loaded again (after a decision, or on request): it stays readable meanwhile. */
export function RecordRefreshing({ namespace }: { namespace: ReviewNamespace }) {
  const { t } = useTranslation();
  return (
    <div className="review-refreshing" role="status">
      <Spin size="small" /> {t(`${namespace}:detail.refreshing`)}
    </div>
  );
}

/** The translation namespace of a record's screens (a review's, the houses'): each has its own `detail.*` words. */
export type ReviewNamespace = 'review' | 'permitReview' | 'houseWatch';

/** Back to the review's queue, from a record. */
export function BackToQueue({ namespace, onClick }: { namespace: ReviewNamespace; onClick(): void }) {
  const { t } = useTranslation();
  return (
    <Button icon={<ArrowLeftOutlined className="review-flip" aria-hidden />} onClick={onClick}>
      {t(`${namespace}:detail.back`)}
    </Button>
  );
}

/**
 * The way back from a record to the list page it was opened from (its filters and page, kept in
 * the history entry), and the button that takes it.
 */
export function useBackToList(namespace: ReviewNamespace, listPath: string) {
  const navigate = useNavigate();
  const location = useLocation();
  const back = (location.state as { back?: QueueReturn } | null)?.back;
  const toList = () => navigate({ pathname: listPath, search: back?.search ?? '' }, { state: { cursors: back?.cursors ?? [] } });
  return { toList, backButton: <BackToQueue namespace={namespace} onClick={toList} /> };
}

interface FailureProps {
  error: unknown;
  /** Whose words: the declaration review's, the permit review's or the houses'. */
  namespace: ReviewNamespace;
  back: ReactNode;
  missing: ReactNode;
  onRetry(): void;
}

/** A record that could not be shown: another station's, not there, or not loaded. */
export function RecordFailure({ error, namespace, back, missing, onRetry }: FailureProps) {
  const { t } = useTranslation();
  const texts = {
    notYourStation: t(`${namespace}:detail.notYourStation`),
    notYourStationDescription: t(`${namespace}:detail.notYourStationDescription`),
    loadFailed: t(`${namespace}:detail.loadFailed`),
  };
  if (error instanceof ApiError && (error.code === 'not_your_station' || error.status === 403)) {
    return <Result status="403" title={texts.notYourStation} subTitle={texts.notYourStationDescription} extra={back} />;
  }
  if (error instanceof ApiError && error.status === 404) return missing;
  return (
    <Result
      status="error"
      title={texts.loadFailed}
      subTitle={messageOf(error, t)}
      extra={[
        <Button key="retry" type="primary" onClick={onRetry}>
          {t('common:action.retry')}
        </Button>,
        <span key="back">{back}</span>,
      ]}
    />
  );
}

/** A record that does not exist (or a reference that cannot be one), with the way back to its list. */
export function RecordMissing({ namespace, listPath }: { namespace: ReviewNamespace; listPath: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t(`${namespace}:detail.notFound`)}
      extra={
        <Button type="primary" onClick={() => navigate(listPath)}>
          {t(`${namespace}:detail.back`)}
        </Button>
      }
    />
  );
}

interface PendingProps {
  /** The record's load, before its first answer. */
  loaded: Pick<Loaded<unknown>, 'error' | 'reload'>;
  namespace: ReviewNamespace;
  back: ReactNode;
  /** The list a missing record sends the officer back to. */
  listPath: string;
}

/** What a record's page shows until the record is in: the spinner, or why it cannot be shown. */
export function RecordPending({ loaded, namespace, back, listPath }: PendingProps) {
  if (loaded.error === undefined) return <RecordLoading />;
  return (
    <RecordFailure
      error={loaded.error}
      namespace={namespace}
      back={back}
      missing={<RecordMissing namespace={namespace} listPath={listPath} />}
      onRetry={loaded.reload}
    />
  );
}

import type { ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, messageOf } from '../../api/errors.ts';

/** A record of the station (a declaration, a permit application) while it loads. */
export function RecordLoading() {
  const { t } = useTranslation();
  return (
    <div className="office-center review-loading" role="status">
      <Spin size="large" description={t('common:state.loading')} />
    </div>
  );
}

/** The translation namespace of a review's screens: each has its own `detail.*` words. */
export type ReviewNamespace = 'review' | 'permitReview';

/** Back to the review's queue, from a record. */
export function BackToQueue({ namespace, onClick }: { namespace: ReviewNamespace; onClick(): void }) {
  const { t } = useTranslation();
  return (
    <Button icon={<ArrowLeftOutlined className="review-flip" aria-hidden />} onClick={onClick}>
      {t(`${namespace}:detail.back`)}
    </Button>
  );
}

interface FailureProps {
  error: unknown;
  /** Whose words: the declaration review's or the permit review's. */
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

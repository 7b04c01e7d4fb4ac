import type { ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
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

interface FailureProps {
  error: unknown;
  /** The words of the record's own screens. */
  texts: { notYourStation: string; notYourStationDescription: string; loadFailed: string };
  back: ReactNode;
  missing: ReactNode;
  onRetry(): void;
}

/** A record that could not be shown: another station's, not there, or not loaded. */
export function RecordFailure({ error, texts, back, missing, onRetry }: FailureProps) {
  const { t } = useTranslation();
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

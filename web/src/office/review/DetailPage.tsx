import { useState } from 'react';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { decide, getForReview, type DeclarationForReview } from '#shared/api/review';
import { REFERENCE_PATTERN } from '#shared/residence/declaration';
import { ApiError, messageOf } from '../../api/errors.ts';
import { formErrors } from '../../api/form-errors.ts';
import { isolateLtr } from '../../i18n/bidi.ts';
import { useServices } from '../../app/services.ts';
import { DeclarationSections } from './DeclarationSections.tsx';
import { Ltr } from './Ltr.tsx';
import { queuePath } from './paths.ts';
import { RecordMissing, RecordPending, RecordRefreshing, useBackToList } from './RecordStates.tsx';
import { ReturnModal, type ReturnInput } from './ReturnModal.tsx';
import { StatusTag } from './StatusTag.tsx';
import { useLoad } from '../../app/load.ts';
import { WorkingDaysTag } from './WorkingDaysTag.tsx';

/** One declaration of the station: the person, the residence, the deadline, and the decision. */
export function DetailPage() {
  const { id = '' } = useParams();
  if (!REFERENCE_PATTERN.test(id)) return <RecordMissing namespace="review" listPath={queuePath} />;
  return <Declaration key={id} id={id} />;
}

function Declaration({ id }: { id: string }) {
  const { t } = useTranslation(['review']);
  const { call } = useServices();
  const { toList: toQueue, backButton } = useBackToList('review', queuePath);
  const { message, notification } = App.useApp();
  const declaration = useLoad((signal) => call(getForReview, { params: { id }, signal }), [call, id]);
  const [deciding, setDeciding] = useState<'verify' | 'return'>();
  const [returning, setReturning] = useState(false);
  const [returnErrors, setReturnErrors] = useState<{ reasons?: string; note?: string; form?: string }>({});

  /** Another officer decided first, or the person changed it: show what it is now. */
  function changedMeanwhile() {
    setReturning(false);
    notification.warning({
      title: t('review:decision.changedTitle'),
      description: t('review:decision.changedDescription'),
      placement: 'top',
    });
    declaration.reload();
  }

  async function send(current: DeclarationForReview, decision: 'verify' | 'return', input: ReturnInput = { reasons: [] }) {
    setDeciding(decision);
    setReturnErrors({});
    try {
      await call(decide, {
        params: { id: current.id },
        body: { decision, reasons: input.reasons, note: input.note, version: current.version },
      });
      setReturning(false);
      message.success(
        decision === 'verify'
          ? t('review:decision.verified', { id: isolateLtr(current.id) })
          : t('review:decision.returned', { id: isolateLtr(current.id) }),
      );
      toQueue();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'declaration_changed') changedMeanwhile();
      else if (decision === 'return') setReturnErrors(formErrors(error, ['reasons', 'note'], t));
      else message.error(messageOf(error, t));
    } finally {
      setDeciding(undefined);
    }
  }

  if (declaration.data === undefined) return <RecordPending loaded={declaration} namespace="review" back={backButton} listPath={queuePath} />;

  const current = declaration.data;
  const open = current.status === 'submitted' || current.status === 'returned';

  return (
    <div className="review-detail">
      <div className="review-detail-top">{backButton}</div>
      <header className="review-page-head review-detail-head">
        <div className="review-detail-heading">
          <Typography.Title level={2} className="office-page-title review-title">
            {t('review:detail.title')} <Ltr mono>{current.id}</Ltr>
          </Typography.Title>
          <Space wrap size={8}>
            <StatusTag status={current.status} />
            {open && <WorkingDaysTag days={current.workingDaysLeft} />}
            <Typography.Text type="secondary">{current.station.name}</Typography.Text>
          </Space>
        </div>
        {current.status === 'submitted' && (
          <Space className="review-actions">
            <Button
              icon={<RollbackOutlined aria-hidden />}
              danger
              disabled={deciding !== undefined}
              onClick={() => {
                setReturnErrors({});
                setReturning(true);
              }}
            >
              {t('review:action.return')}
            </Button>
            <Popconfirm
              title={t('review:decision.verifyConfirmTitle')}
              description={t('review:decision.verifyConfirm')}
              okText={t('review:action.verify')}
              cancelText={t('review:action.cancel')}
              onConfirm={() => send(current, 'verify')}
            >
              <Button type="primary" icon={<CheckOutlined aria-hidden />} loading={deciding === 'verify'} disabled={deciding === 'return'}>
                {t('review:action.verify')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </header>
      {declaration.loading && <RecordRefreshing namespace="review" />}

      <DeclarationSections declaration={current} />

      <ReturnModal
        open={returning}
        sending={deciding === 'return'}
        failure={returnErrors.form}
        fieldErrors={returnErrors}
        onCancel={() => setReturning(false)}
        onSubmit={(input) => void send(current, 'return', input)}
      />
    </div>
  );
}


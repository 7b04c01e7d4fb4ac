import { useState } from 'react';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { decidePermitApplication, getPermitApplicationForReview } from '#shared/api/permit';
import { APPLICATION_REFERENCE_PATTERN, type CorrectionItem, type OfficerAction, type RejectionReason } from '#shared/permit/lifecycle';
import { ApiError, messageOf } from '../../api/errors.ts';
import { formErrors } from '../../api/form-errors.ts';
import { useServices } from '../../app/services.ts';
import { useLoad } from '../../app/load.ts';
import { isolateLtr } from '../../i18n/bidi.ts';
import { Ltr } from '../review/Ltr.tsx';
import { RecordMissing, RecordPending, RecordRefreshing, useBackToList } from '../review/RecordStates.tsx';
import { DaysLeftTag } from './DaysLeftTag.tsx';
import { permitQueuePath } from './paths.ts';
import { PermitSections, type ForReview } from './PermitSections.tsx';
import { PermitStatusTag } from './PermitStatusTag.tsx';
import { ReasonsModal, type ReasonsInput, type ReasonsKind } from './ReasonsModal.tsx';

/** One permit application of the station: the person, the holder, the rules, and the decision. */
export function PermitDetailPage() {
  const { id = '' } = useParams();
  if (!APPLICATION_REFERENCE_PATTERN.test(id)) return <RecordMissing namespace="permitReview" listPath={permitQueuePath} />;
  return <Application key={id} id={id} />;
}

function Application({ id }: { id: string }) {
  const { t } = useTranslation(['permitReview']);
  const { call } = useServices();
  const { toList: toQueue, backButton } = useBackToList('permitReview', permitQueuePath);
  const { message, notification } = App.useApp();
  const application = useLoad((signal) => call(getPermitApplicationForReview, { params: { id }, signal }), [call, id]);
  const [deciding, setDeciding] = useState<OfficerAction>();
  const [reasons, setReasons] = useState<ReasonsKind>();
  const [reasonErrors, setReasonErrors] = useState<{ items?: string; note?: string; form?: string }>({});

  /** Another officer decided first, or the applicant changed it: show what it is now. */
  function changedMeanwhile() {
    setReasons(undefined);
    notification.warning({
      title: t('permitReview:decision.changedTitle'),
      description: t('permitReview:decision.changedDescription'),
      placement: 'top',
    });
    application.reload();
  }

  async function send(current: ForReview, action: OfficerAction, input: ReasonsInput = { items: [] }) {
    setDeciding(action);
    setReasonErrors({});
    const { version } = current;
    const body =
      action === 'return'
        ? { action, corrections: input.items as CorrectionItem[], note: input.note, version }
        : action === 'reject'
          ? { action, reasons: input.items as RejectionReason[], note: input.note, version }
          : { action, version };
    try {
      const decided = await call(decidePermitApplication, { params: { id: current.id }, body });
      setReasons(undefined);
      const reference = isolateLtr(current.id);
      const done = {
        accept: () => t('permitReview:decision.accepted', { id: reference }),
        approve: () => t('permitReview:decision.approved', { id: reference, number: isolateLtr(decided.permitNumber ?? '') }),
        return: () => t('permitReview:decision.returned', { id: reference }),
        reject: () => t('permitReview:decision.rejected', { id: reference }),
      }[action];
      message.success(done());
      toQueue();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'application_changed') changedMeanwhile();
      else if (action === 'return' || action === 'reject') {
        const found = formErrors(error, [action === 'return' ? 'corrections' : 'reasons', 'note'], t);
        setReasonErrors({ items: found.corrections ?? found.reasons, note: found.note, form: found.form });
      } else message.error(messageOf(error, t));
    } finally {
      setDeciding(undefined);
    }
  }

  if (application.data === undefined) return <RecordPending loaded={application} namespace="permitReview" back={backButton} listPath={permitQueuePath} />;

  const current = application.data;
  const open = current.status === 'submitted' || current.status === 'accepted';
  const busy = deciding !== undefined;
  // Accept a submitted application, approve an accepted one: the step forward, confirmed first.
  const forward =
    current.status === 'submitted'
      ? {
          action: 'accept' as const,
          label: t('permitReview:action.accept'),
          title: t('permitReview:decision.acceptConfirmTitle'),
          description: t('permitReview:decision.acceptConfirm'),
        }
      : {
          action: 'approve' as const,
          label: t('permitReview:action.approve'),
          title: t('permitReview:decision.approveConfirmTitle'),
          description: t('permitReview:decision.approveConfirm'),
        };

  return (
    <div className="review-detail">
      <div className="review-detail-top">{backButton}</div>
      <header className="review-page-head review-detail-head">
        <div className="review-detail-heading">
          <Typography.Title level={2} className="office-page-title review-title">
            {t('permitReview:detail.title')} <Ltr mono>{current.id}</Ltr>
          </Typography.Title>
          <Space wrap size={8}>
            <PermitStatusTag status={current.status} />
            {current.status === 'accepted' && current.daysLeft !== undefined && <DaysLeftTag days={current.daysLeft} />}
            <Typography.Text type="secondary">{current.station.name}</Typography.Text>
          </Space>
        </div>
        {open && (
          <Space className="review-actions" wrap>
            <Button
              icon={<RollbackOutlined aria-hidden />}
              disabled={busy}
              onClick={() => {
                setReasonErrors({});
                setReasons('return');
              }}
            >
              {t('permitReview:action.return')}
            </Button>
            <Button
              icon={<CloseOutlined aria-hidden />}
              danger
              disabled={busy}
              onClick={() => {
                setReasonErrors({});
                setReasons('reject');
              }}
            >
              {t('permitReview:action.reject')}
            </Button>
            <Popconfirm
              title={forward.title}
              description={<div className="review-reveal-note">{forward.description}</div>}
              okText={forward.label}
              cancelText={t('permitReview:action.cancel')}
              onConfirm={() => send(current, forward.action)}
            >
              <Button type="primary" icon={<CheckOutlined aria-hidden />} loading={deciding === forward.action} disabled={busy && deciding !== forward.action}>
                {forward.label}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </header>
      {application.loading && <RecordRefreshing namespace="permitReview" />}

      <PermitSections application={current} />

      <ReasonsModal
        kind={reasons}
        sending={deciding === 'return' || deciding === 'reject'}
        failure={reasonErrors.form}
        fieldErrors={reasonErrors}
        onCancel={() => setReasons(undefined)}
        onSubmit={(input) => reasons && void send(current, reasons, input)}
      />
    </div>
  );
}


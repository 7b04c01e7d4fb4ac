import { useState, type FormEvent } from 'react';
import { Button, Dialog, Popup, Toast } from 'antd-mobile';
import { CheckCircleOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { decideConfirmation, listConfirmations, type ConfirmationRequest } from '#shared/api/landlord';
import type { z } from 'zod';
import { messageOf } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { useLoadState } from '../../app/load.ts';
import { isolate } from '../../i18n/bidi.ts';
import { useLanguage } from '../../i18n/language.ts';
import { Row } from '../residence/declare/steps.tsx';
import { EmptyState, LoadError, LoadingBlock } from '../residence/states.tsx';
import { formatDay, formatDue } from '../residence/words.ts';
import { HouseAddress, OverdueTag } from './parts.tsx';

type Request = z.infer<typeof ConfirmationRequest>;
type Outcome = { decision: 'confirm' | 'decline'; name: string };

/**
 * 待确认: tenants who declared they live in one of the user's houses. Confirming registers their
 * residence without an officer visit; declining (with a reason) sends it to the station's officer.
 */
export default function ConfirmationsPage() {
  const { t } = useTranslation();
  const { call } = useServices();
  const { state, retry } = useLoadState((signal) => call(listConfirmations, { signal }), 'confirmations');
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});

  if (state.status === 'loading') return <LoadingBlock lines={6} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  const items = state.value.items;
  if (items.length === 0) {
    return (
      <div className="rs-page">
        <EmptyState title={t('landlord:confirmations.emptyTitle')} description={t('landlord:confirmations.emptyDescription')}>
          <Link className="adm-button adm-button-default adm-button-large rs-link-button" to="/houses">
            {t('landlord:registered.list')}
          </Link>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="rs-page">
      <p className="rs-lead">{t('landlord:confirmations.lead')}</p>
      <ul className="rs-cards" aria-label={t('landlord:confirmations.label')}>
        {items.map((request) => (
          <li key={request.id}>
            <RequestCard
              request={request}
              outcome={outcomes[request.id]}
              onDecided={(outcome) => setOutcomes((previous) => ({ ...previous, [request.id]: outcome }))}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

function RequestCard({ request, outcome, onDecided }: { request: Request; outcome: Outcome | undefined; onDecided: (outcome: Outcome) => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const [working, setWorking] = useState(false);
  const [declining, setDeclining] = useState(false);
  const name = request.tenant.name;

  async function decide(decision: 'confirm' | 'decline', reason?: string) {
    setWorking(true);
    try {
      await call(decideConfirmation, { params: { id: request.id }, body: { decision, reason, version: request.version } });
      Toast.show({ icon: 'success', content: decision === 'confirm' ? t('landlord:confirmations.confirmedToast') : t('landlord:confirmations.declinedToast') });
      onDecided({ decision, name });
      return true;
    } catch (error) {
      Toast.show({ icon: 'fail', content: messageOf(error, t), duration: 4000 });
      return false;
    } finally {
      setWorking(false);
    }
  }

  async function confirm() {
    const yes = await Dialog.confirm({
      title: t('landlord:confirmations.confirmTitle'),
      content: t('landlord:confirmations.confirmContent', { name: isolate(name) }),
      confirmText: t('landlord:confirmations.confirm'),
      cancelText: t('residence:form.cancel'),
    });
    if (yes) await decide('confirm');
  }

  return (
    <article className={request.overdue && !outcome ? 'rs-card ll-request ll-tenant-overdue' : 'rs-card ll-request'} aria-label={name}>
      <div className="rs-item-head">
        <strong className="ll-tenant-title">
          <bdi>{name}</bdi>
        </strong>
        {request.overdue && !outcome && <OverdueTag />}
      </div>
      <p className="rs-item-place">
        <HouseAddress house={request.house} />
      </p>
      <dl className="rs-facts">
        <Row label={t('landlord:report.citizenId')}>
          <bdi dir="ltr" className="rs-code">
            {request.tenant.citizenIdMasked}
          </bdi>
        </Row>
        {request.room && (
          <Row label={t('landlord:report.room')}>
            <bdi>{request.room}</bdi>
          </Row>
        )}
        <Row label={t('landlord:report.moveInDate')}>{formatDay(request.moveInDate, language, t)}</Row>
        {request.confirmBy && (
          <Row label={t('landlord:confirmations.deadline')}>
            <span className={request.overdue ? 'll-late' : undefined}>{formatDue(request.confirmBy, language, t)}</span>
          </Row>
        )}
      </dl>
      {request.overdue && !outcome && <p className="rs-field-note ll-late">{t('landlord:confirmations.overdueNote')}</p>}
      {outcome ? (
        <p className="ll-outcome" role="status">
          <CheckCircleOutline aria-hidden="true" />{' '}
          {outcome.decision === 'confirm'
            ? t('landlord:confirmations.confirmed', { name: isolate(outcome.name) })
            : t('landlord:confirmations.declined', { name: isolate(outcome.name) })}
        </p>
      ) : (
        <div className="rs-actions">
          <Button color="primary" size="large" block loading={working} onClick={() => void confirm()}>
            {t('landlord:confirmations.confirm')}
            <span className="visually-hidden"> {name}</span>
          </Button>
          <Button color="danger" fill="outline" size="large" block disabled={working} onClick={() => setDeclining(true)}>
            {t('landlord:confirmations.decline')}
            <span className="visually-hidden"> {name}</span>
          </Button>
        </div>
      )}
      <Popup visible={declining} onMaskClick={() => setDeclining(false)} onClose={() => setDeclining(false)} destroyOnClose bodyClassName="ll-sheet">
        <DeclineForm
          name={name}
          working={working}
          onCancel={() => setDeclining(false)}
          onDecline={async (reason) => {
            if (await decide('decline', reason)) setDeclining(false);
          }}
        />
      </Popup>
    </article>
  );
}

/** Why the landlord says the tenant does not live there: required, and shown to the officer who decides. */
function DeclineForm({ name, working, onCancel, onDecline }: { name: string; working: boolean; onCancel: () => void; onDecline: (reason: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('landlord:confirmations.reasonRequired'));
      document.getElementById('decline-reason')?.focus();
      return;
    }
    void onDecline(reason.trim());
  }

  return (
    <form className="ll-sheet-form" noValidate onSubmit={submit} role="dialog" aria-modal="true" aria-labelledby="decline-title">
      <h2 id="decline-title" className="rs-card-title">
        {t('landlord:confirmations.declineTitle', { name: isolate(name) })}
      </h2>
      <p className="rs-lead">{t('landlord:confirmations.declineLead')}</p>
      <div className={error ? 'field field-invalid' : 'field'}>
        <label className="field-label" htmlFor="decline-reason">
          {t('landlord:confirmations.reason')}
        </label>
        <textarea
          id="decline-reason"
          className="field-control ll-textarea"
          value={reason}
          maxLength={200}
          rows={3}
          onChange={(event) => {
            setReason(event.target.value);
            setError(undefined);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'decline-reason-message' : undefined}
        />
        {error && (
          <p id="decline-reason-message" className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="rs-actions">
        <Button type="submit" color="danger" size="large" block loading={working}>
          {t('landlord:confirmations.declineSubmit')}
        </Button>
        <Button size="large" block fill="none" onClick={onCancel}>
          {t('residence:form.cancel')}
        </Button>
      </div>
    </form>
  );
}

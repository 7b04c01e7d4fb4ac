import { useState } from 'react';
import { Button, Dialog } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { confirmTenancy, listMyTenancies, type TenantTenancy } from '#shared/api/landlord';
import type { CallInput } from '../../api/client.ts';
import { ApiError, messageOf } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { useLoadState } from '../../app/load.ts';
import { isolate } from '../../i18n/bidi.ts';
import { useLanguage } from '../../i18n/language.ts';
import { HouseAddress, TenancyFacts } from '../landlord/parts.tsx';
import { Row, useSend } from '../residence/declare/steps.tsx';
import { StayFields, stayErrors, type Stay, type StayField } from '../residence/declare/StayFields.tsx';
import { Reference } from '../residence/parts.tsx';
import { EmptyState, LoadError, LoadingBlock } from '../residence/states.tsx';
import { formatMoment } from '../residence/words.ts';
import { TenantStatusTag } from './parts.tsx';
import { TenancyNote } from './TenanciesPage.tsx';

/** One tenancy of the user: the landlord's report to confirm (or say is not theirs), or where their request stands. */
export default function TenancyPage() {
  const { t } = useTranslation();
  const { call } = useServices();
  const { id = '' } = useParams();
  const { state, retry, replace } = useLoadState((signal) => call(listMyTenancies, { signal }), `tenancies|${id}`);
  if (state.status === 'loading') return <LoadingBlock lines={6} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  const tenancy = state.value.items.find((item) => item.id === id);
  if (!tenancy) {
    return (
      <div className="rs-page">
        <EmptyState title={t('landlord:tenant.notYours')}>
          <Link className="adm-button adm-button-default adm-button-large rs-link-button" to="/tenancies">
            {t('landlord:tenant.list')}
          </Link>
        </EmptyState>
      </div>
    );
  }
  return (
    <Tenancy
      tenancy={tenancy}
      onAnswered={(next) => replace({ items: state.value.items.map((item) => (item.id === next.id ? next : item)) })}
    />
  );
}

function Tenancy({ tenancy, onAnswered }: { tenancy: TenantTenancy; onAnswered: (next: TenantTenancy) => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [answered, setAnswered] = useState<'confirm' | 'decline'>();
  const reported = tenancy.history.find((entry) => entry.event === 'reportedByLandlord');

  if (answered) return <Answered tenancy={tenancy} decision={answered} />;
  return (
    <div className="rs-page">
      <section className="rs-card rs-summary" aria-labelledby="tenancy-title">
        <div className="rs-item-head">
          <TenantStatusTag status={tenancy.status} />
          <Reference id={tenancy.id} />
        </div>
        <h2 id="tenancy-title" className="rs-summary-title">
          <HouseAddress house={tenancy.house} />
        </h2>
        <dl className="rs-facts">
          <Row label={t('landlord:tenant.landlord')}>
            <bdi>{tenancy.house.landlordMasked}</bdi>
          </Row>
          <TenancyFacts tenancy={tenancy} />
          {reported && <Row label={t('landlord:tenant.reportedAt')}>{formatMoment(reported.at, language, t)}</Row>}
          <Row label={t('residence:detail.station')}>
            <bdi>{tenancy.house.station.name}</bdi>
          </Row>
        </dl>
        <p className="rs-field-note">
          <TenancyNote tenancy={tenancy} />
        </p>
      </section>

      {tenancy.needsProfile && (
        <div className="rs-banner rs-banner-warning">
          <p>{t('landlord:tenant.needsProfileLead')}</p>
          <Link
            className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button"
            to={`/me/profile?next=${encodeURIComponent(`/tenancies/${tenancy.id}`)}`}
          >
            {t('residence:declare.toProfile')}
          </Link>
        </div>
      )}

      {tenancy.canConfirm && (
        <ConfirmForm
          tenancy={tenancy}
          onAnswered={(decision, next) => {
            setAnswered(decision);
            onAnswered(next);
            window.scrollTo(0, 0);
          }}
        />
      )}

      {tenancy.declarationId && (
        <div className="rs-actions">
          <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to={`/residence/${tenancy.declarationId}`}>
            {t('landlord:tenant.viewDeclaration')}
          </Link>
        </div>
      )}
    </div>
  );
}

/** The tenant's answer to the landlord's report: the two things only they can say, then confirm; or "不是我". */
function ConfirmForm({ tenancy, onAnswered }: { tenancy: TenantTenancy; onAnswered: (decision: 'confirm' | 'decline', next: TenantTenancy) => void }) {
  const { t } = useTranslation();
  const { call } = useServices();
  const [stay, setStay] = useState<Stay>({});
  const [errors, setErrors] = useState<Partial<Record<StayField, string | undefined>>>({});
  const { sending, failure, send } = useSend(async (body: CallInput<typeof confirmTenancy>['body']) => {
    const next = await call(confirmTenancy, { params: { id: tenancy.id }, body });
    onAnswered(body.decision, next);
  });

  function confirm() {
    const found = stayErrors(stay, t);
    setErrors(found);
    const first = (Object.keys(found) as StayField[]).find((key) => found[key]);
    if (first) {
      (document.getElementById(`tenancy-${first}`) ?? document.querySelector<HTMLElement>(`input[name="tenancy-${first}"]`))?.focus();
      return;
    }
    void send({
      decision: 'confirm',
      intendedStay: stay.intendedStay,
      reason: stay.reason,
      reasonDetail: stay.reason === 'other' ? stay.reasonDetail?.trim() : undefined,
      version: tenancy.version,
    });
  }

  async function decline() {
    const yes = await Dialog.confirm({
      title: t('landlord:tenant.declineTitle'),
      content: t('landlord:tenant.declineContent', { landlord: isolate(tenancy.house.landlordMasked) }),
      confirmText: t('landlord:tenant.declineConfirm'),
      cancelText: t('residence:form.cancel'),
    });
    if (yes) await send({ decision: 'decline', version: tenancy.version });
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        confirm();
      }}
      aria-labelledby="tenancy-confirm-title"
    >
      <h2 id="tenancy-confirm-title" className="rs-step-title">
        {t('landlord:tenant.confirmTitle')}
      </h2>
      <p className="rs-lead">{t('landlord:tenant.confirmLead')}</p>
      <StayFields idPrefix="tenancy" stay={stay} onChange={(patch) => setStay((current) => ({ ...current, ...patch }))} errors={errors} />
      <p className="rs-field-note rs-declaration-note">{t('residence:declare.truthful')}</p>
      {failure !== undefined && <Failure error={failure} />}
      <div className="rs-actions">
        <Button type="submit" color="primary" size="large" block loading={sending} loadingText={t('landlord:form.submitting')}>
          {t('landlord:tenant.confirm')}
        </Button>
        <Button size="large" block color="danger" fill="outline" disabled={sending} onClick={() => void decline()}>
          {t('landlord:tenant.decline')}
        </Button>
      </div>
    </form>
  );
}

/** Why the answer did not go through, with the way on when there is one (实名信息 first, the declaration in progress). */
function Failure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div className="form-alert" role="alert">
      <p className="rs-alert-title">{messageOf(error, t)}</p>
      {code === 'profile_required' && <Link to={`/me/profile?next=${encodeURIComponent(window.location.pathname)}`}>{t('residence:declare.toProfile')}</Link>}
      {code === 'declaration_in_progress' && <Link to="/residence">{t('residence:declared.list')}</Link>}
    </div>
  );
}

/** After the tenant answered: registered (with the way to the declaration), or the landlord told it is not them. */
function Answered({ tenancy, decision }: { tenancy: TenantTenancy; decision: 'confirm' | 'decline' }) {
  const { t } = useTranslation();
  return (
    <div className="rs-page rs-declared">
      <section className="rs-done" aria-labelledby="tenancy-done-title">
        <CheckCircleFill className="rs-done-icon" aria-hidden="true" />
        <h2 id="tenancy-done-title" className="rs-done-title">
          {decision === 'confirm' ? t('landlord:tenant.confirmedTitle') : t('landlord:tenant.declinedTitle')}
        </h2>
        <p className="rs-item-place">
          <HouseAddress house={tenancy.house} />
        </p>
        <p className="rs-field-note">{decision === 'confirm' ? t('landlord:tenant.confirmedLead') : t('landlord:tenant.declinedLead')}</p>
      </section>
      <div className="rs-actions">
        {decision === 'confirm' && tenancy.declarationId && (
          <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to={`/residence/${tenancy.declarationId}`}>
            {t('landlord:tenant.viewDeclaration')}
          </Link>
        )}
        <Link className="adm-button adm-button-default adm-button-large adm-button-block rs-link-button" to="/tenancies">
          {t('landlord:tenant.list')}
        </Link>
      </div>
    </div>
  );
}

/**
 * The permit's own actions that need more than one tap: renewing before it expires (with the
 * validity where the pack offers a choice) and reporting leaving (a date, then when it takes effect).
 */
import { useRef, useState, type ReactNode } from 'react';
import { Button, Dialog } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { cancelPermit, renewPermit, type HolderPermit, type PermitCard, type PermitOverview } from '#shared/api/permit';
import { addDays, shanghaiDate } from '#shared/policy/civil-time';
import { ApiError, messageOf } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { useLanguage } from '../../i18n/language.ts';
import { Row, StepForm } from '../residence/declare/steps.tsx';
import { DateField } from '../residence/fields.tsx';
import { Reference } from '../residence/parts.tsx';
import { EmptyState, FormAlert } from '../residence/states.tsx';
import { formatDay } from '../residence/words.ts';
import { ValidityChoice } from './ApplyPage.tsx';
import { OverviewGate } from './OverviewGate.tsx';
import { DeadlineLine, LinkButton, PermitStatusBadge } from './parts.tsx';
import { cardActionsOf, holderOf, validityYearsOf } from './rules.ts';
import { usePermitOverview } from './usePermit.ts';

type WithPermit = HolderPermit & { permit: PermitCard };

/** Loads the overview and finds the holder named by `?holder=` whose permit allows `action`. */
function HolderGate({ action, children }: { action: 'renew' | 'leave'; children: (holder: WithPermit, overview: PermitOverview) => ReactNode }) {
  const [search] = useSearchParams();
  const loaded = usePermitOverview();
  return (
    <OverviewGate loaded={loaded} lines={5}>
      {({ overview }) => <Gate action={action} holder={holderOf(overview, search.get('holder') ?? 'self')} overview={overview} render={children} />}
    </OverviewGate>
  );
}

interface GateProps {
  action: 'renew' | 'leave';
  holder: HolderPermit | undefined;
  overview: PermitOverview;
  render: (holder: WithPermit, overview: PermitOverview) => ReactNode;
}

function Gate({ action, holder, overview, render }: GateProps) {
  const { t } = useTranslation();
  if (!holder?.permit || !cardActionsOf(holder)[action]) {
    return (
      <div className="rs-page">
        <EmptyState title={action === 'renew' ? t('permit:renew.cannotTitle') : t('permit:leave.cannotTitle')}>
          <LinkButton to="/permit" primary>
            {t('permit:backToPermit')}
          </LinkButton>
        </EmptyState>
      </div>
    );
  }
  return <>{render({ ...holder, permit: holder.permit }, overview)}</>;
}

/** The permit being acted on, in a line: its number, status and holder. */
function PermitLine({ permit }: { permit: PermitCard }) {
  return (
    <p className="rs-item-head pm-permit-line">
      <PermitStatusBadge status={permit.status} /> <Reference id={permit.number} /> <bdi>{permit.holderName}</bdi>
    </p>
  );
}

/** 续期: apply to renew before the permit expires; reviewed like a first application. */
export function RenewPage() {
  return <HolderGate action="renew">{(holder, overview) => <RenewForm holder={holder} overview={overview} />}</HolderGate>;
}

function RenewForm({ holder, overview }: { holder: WithPermit; overview: PermitOverview }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const navigate = useNavigate();
  const years = validityYearsOf(overview.terms?.validityChoices ?? []);
  const [validityYears, setValidityYears] = useState<number | undefined>(years.length === 1 ? years[0] : undefined);
  const [errors, setErrors] = useState<{ validityYears?: string | undefined; form?: string | undefined }>({});
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const p = holder.permit;

  async function send() {
    if (sendingRef.current) return;
    if (years.length > 1 && validityYears === undefined) {
      setErrors({ validityYears: t('residence:declare.choiceRequired') });
      document.querySelector<HTMLInputElement>('input[name="permit-validity"]')?.focus();
      return;
    }
    sendingRef.current = true;
    setSending(true);
    setErrors({});
    try {
      const application = await call(renewPermit, {
        body: { holder: holder.holder, ...(years.length > 1 && validityYears !== undefined ? { validityYears } : {}), version: p.version },
      });
      navigate(`/permit/applied/${application.id}`, { replace: true });
    } catch (error) {
      const field = error instanceof ApiError ? error.fieldMessage('validityYears') : undefined;
      setErrors(field ? { validityYears: field } : { form: messageOf(error, t) });
      sendingRef.current = false;
      setSending(false);
    }
  }

  return (
    <StepForm onSubmit={() => void send()}>
      <div className="rs-page pm-flow" data-testid="permit-renew-form">
        <PermitLine permit={p} />
        <p className="rs-lead">{t('permit:renew.lead')}</p>
        <section className="rs-card">
          <dl className="rs-facts">
            <Row label={t('permit:card.validUntil')}>{p.validUntil ? formatDay(p.validUntil, language, t) : t('permit:card.noExpiry')}</Row>
          </dl>
          {p.renewBy && <DeadlineLine deadline={p.renewBy} sentence={(values) => t('permit:renew.renewBy', values)} />}
        </section>
        {years.length > 1 && (
          <section className="rs-card">
            <ValidityChoice years={years} value={validityYears} onChange={setValidityYears} error={errors.validityYears} />
          </section>
        )}
        <FormAlert message={errors.form} />
        <div className="rs-actions">
          <Button color="primary" size="large" block type="submit" loading={sending} data-testid="permit-renew-submit">
            {t('permit:renew.submit')}
          </Button>
        </div>
      </div>
    </StepForm>
  );
}

/** 注销: report leaving the city; the permit is cancelled that day or after the pack's return grace. */
export function LeavePage() {
  return <HolderGate action="leave">{(holder) => <LeaveForm holder={holder} />}</HolderGate>;
}

function LeaveForm({ holder }: { holder: WithPermit }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const today = shanghaiDate(new Date());
  // Today to start with: the wheel opens there rather than at the latest date it allows.
  const [leavingOn, setLeavingOn] = useState<string | undefined>(today);
  const [errors, setErrors] = useState<{ leavingOn?: string | undefined; form?: string | undefined }>({});
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<PermitCard>();
  const sendingRef = useRef(false);
  const day = (iso: string) => formatDay(iso, language, t);

  async function send() {
    if (sendingRef.current) return;
    if (!leavingOn) {
      setErrors({ leavingOn: t('permit:leave.dateRequired') });
      document.getElementById('permit-leavingOn')?.focus();
      return;
    }
    const confirmed = await Dialog.confirm({
      title: t('permit:leave.confirmTitle'),
      content: t('permit:leave.confirm', { date: day(leavingOn) }),
      confirmText: t('permit:leave.submit'),
      cancelText: t('residence:form.cancel'),
    });
    if (!confirmed) return;
    sendingRef.current = true;
    setSending(true);
    setErrors({});
    try {
      setDone(await call(cancelPermit, { body: { holder: holder.holder, leavingOn, version: holder.permit.version } }));
      window.scrollTo(0, 0);
    } catch (error) {
      const field = error instanceof ApiError ? error.fieldMessage('leavingOn') : undefined;
      setErrors(field ? { leavingOn: field } : { form: messageOf(error, t) });
      sendingRef.current = false;
      setSending(false);
    }
  }

  if (done) {
    return (
      <div className="rs-page">
        <section className="rs-done" aria-labelledby="pm-left-title" data-testid="permit-left">
          <CheckCircleFill className="rs-done-icon" aria-hidden="true" />
          <h2 id="pm-left-title" className="rs-done-title">
            {t('permit:leave.doneTitle')}
          </h2>
          {done.status === 'cancelled' ? (
            <p>
              <PermitStatusBadge status={done.status} /> {t('permit:leave.doneCancelled')}
            </p>
          ) : (
            done.cancellation && (
              <>
                <p>
                  {done.cancellation.effectiveOn > done.cancellation.leavingOn
                    ? t('permit:leave.doneGrace', { leaving: day(done.cancellation.leavingOn), effective: day(done.cancellation.effectiveOn) })
                    : t('permit:leave.doneOn', { effective: day(done.cancellation.effectiveOn) })}
                </p>
                <p className="rs-field-note">{t('permit:leave.doneWithdraw')}</p>
              </>
            )
          )}
        </section>
        <div className="rs-actions">
          <LinkButton to="/permit" primary>
            {t('permit:backToPermit')}
          </LinkButton>
        </div>
      </div>
    );
  }

  return (
    <StepForm onSubmit={() => void send()}>
      <div className="rs-page pm-flow" data-testid="permit-leave-form">
        <PermitLine permit={holder.permit} />
        <p className="rs-lead">{t('permit:leave.lead')}</p>
        <section className="rs-card">
          <DateField
            id="permit-leavingOn"
            label={t('permit:leave.date')}
            value={leavingOn}
            onChange={setLeavingOn}
            min={holder.permit.issuedOn}
            max={addDays(today, 366)}
            error={errors.leavingOn}
            hint={t('permit:leave.dateHint')}
            format={day}
          />
        </section>
        <FormAlert message={errors.form} />
        <div className="rs-actions">
          <Button color="danger" size="large" block type="submit" loading={sending} data-testid="permit-leave-submit">
            {t('permit:leave.submit')}
          </Button>
        </div>
      </div>
    </StepForm>
  );
}

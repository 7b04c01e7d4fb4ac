import { useEffect, useRef, useState } from 'react';
import { Button } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { getHouse, reportDeadlines, reportTenants, TenantInput, type House } from '#shared/api/landlord';
import { MAX_TENANTS_PER_REPORT } from '#shared/landlord/house';
import { shanghaiDate } from '#shared/policy/civil-time';
import type { CallOutput } from '../../api/client.ts';
import { ApiError } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { useLoadState, type LoadState } from '../../app/load.ts';
import { checkField } from '../../i18n/issues.ts';
import { useLanguage } from '../../i18n/language.ts';
import { TextField } from '../TextField.tsx';
import { useDraft } from '../residence/declare/draft.ts';
import { CheckSection, Row, StepActions, StepForm, StepHeading, SubmitPanel, useSteps } from '../residence/declare/steps.tsx';
import { DateField } from '../residence/fields.tsx';
import { Section } from '../residence/parts.tsx';
import { InlineLoad, LoadError, LoadingBlock } from '../residence/states.tsx';
import { formatDay } from '../residence/words.ts';
import { FinesList, HouseAddress, OverCapacityWarning, ReportDeadline, ReportDeadlineLine } from './parts.tsx';
import { emptyTenant, REPORT_STEPS, reportedKey, rowFieldOf, tenantInputFrom, type ReportDraft, type ReportStep, type TenantDraft, type TenantField } from './report-draft.ts';
import { overCapacityAfter } from './words.ts';

type Deadlines = CallOutput<typeof reportDeadlines>;
type DeadlineState = LoadState<Deadlines>;
type RowErrors = Partial<Record<TenantField, string | undefined>>;

/** 报告租客入住: one or several tenants of a house, with the deadline for each move-in date, then check, then send. */
export default function ReportPage() {
  const { call } = useServices();
  const { code = '' } = useParams();
  const { state, retry } = useLoadState((signal) => call(getHouse, { params: { id: code }, signal }), code);
  if (state.status === 'loading') return <LoadingBlock lines={6} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  return <ReportFlow house={state.value} />;
}

/** The deadlines for each move-in date in the form, asked once a date. */
function useDeadlines(houseId: string, dates: readonly string[]) {
  const { call } = useServices();
  const [answers, setAnswers] = useState<Record<string, DeadlineState>>({});
  const asked = useRef(new Set<string>());
  const wanted = [...new Set(dates)].sort();
  useEffect(() => {
    for (const date of wanted) {
      if (asked.current.has(date)) continue;
      asked.current.add(date);
      setAnswers((previous) => ({ ...previous, [date]: { status: 'loading' } }));
      call(reportDeadlines, { params: { id: houseId }, query: { event: 'moveIn', date } }).then(
        (value) => setAnswers((previous) => ({ ...previous, [date]: { status: 'ready', value } })),
        (error: unknown) => setAnswers((previous) => ({ ...previous, [date]: { status: 'failed', error } })),
      );
    }
  }, [houseId, wanted.join(',')]);
  const retry = (date: string) => {
    asked.current.delete(date);
    setAnswers((previous) => {
      const { [date]: _dropped, ...rest } = previous;
      return rest;
    });
  };
  return { answers, retry };
}

function ReportFlow({ house }: { house: House }) {
  const { t } = useTranslation();
  const { call } = useServices();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const { draft, update, clear } = useDraft<ReportDraft>(`landlord-report:${house.id}`, () => ({ tenants: [emptyTenant()] }));
  const [serverErrors, setServerErrors] = useState<RowErrors[]>([]);
  const requested = search.get('step');
  const step: ReportStep = (REPORT_STEPS as readonly string[]).includes(requested ?? '') ? (requested as ReportStep) : 'tenants';
  const url = (next: ReportStep) => `/houses/${house.id}/report?step=${next}`;
  const dates = draft.tenants.flatMap((row) => (row.moveInDate ? [row.moveInDate] : []));
  const deadlines = useDeadlines(house.id, dates);
  const over = overCapacityAfter(house.occupancy, draft.tenants.length);

  const rowsDone = draft.tenants.length > 0 && draft.tenants.every((row) => TenantInput.safeParse(tenantInputFrom(row)).success);
  const { blocked, heading } = useSteps(REPORT_STEPS, step, rowsDone ? undefined : 'tenants', url);
  if (blocked) return null;

  async function submit(idempotencyKey: string) {
    const answer = await call(reportTenants, {
      params: { id: house.id },
      body: { tenants: draft.tenants.map(tenantInputFrom) },
      headers: { 'Idempotency-Key': idempotencyKey },
    });
    try {
      sessionStorage.setItem(reportedKey(house.id), JSON.stringify(answer));
    } catch {
      // Without storage the confirmation page still links to the house, where the tenants are listed.
    }
    clear();
    navigate(`/houses/${house.id}/reported`, { replace: true });
  }

  function onFailure(error: unknown) {
    if (!(error instanceof ApiError)) return;
    const rows: RowErrors[] = [];
    for (const field of error.fields) {
      const at = rowFieldOf(field.path);
      if (at) rows[at.row] = { ...rows[at.row], [at.field]: field.message };
    }
    if (rows.length > 0) {
      setServerErrors(rows);
      navigate(url('tenants'));
    }
  }

  const stepIndex = REPORT_STEPS.indexOf(step);
  const titles: Record<ReportStep, string> = { tenants: t('landlord:report.steps.tenants'), check: t('landlord:report.steps.check') };
  const deadlineOf = (row: TenantDraft) => (row.moveInDate ? deadlines.answers[row.moveInDate] : undefined);

  return (
    <div className="rs-page rs-flow">
      <p className="rs-banner rs-banner-place">
        <HouseAddress house={house} />
      </p>
      <StepHeading index={stepIndex} total={REPORT_STEPS.length} title={titles[step]} headingRef={heading} />
      {step === 'tenants' && (
        <TenantsStep
          draft={draft}
          update={update}
          serverErrors={serverErrors}
          clearServerError={(row, field) =>
            setServerErrors((previous) => previous.map((errors, index) => (index === row ? { ...errors, [field]: undefined } : errors)))
          }
          deadlineOf={deadlineOf}
          retryDeadline={deadlines.retry}
          house={house}
          onNext={() => navigate(url('check'))}
        />
      )}
      {step === 'check' && (
        <div>
          <p className="rs-lead">{t('landlord:report.checkLead')}</p>
          {draft.tenants.map((row, index) => (
            <CheckSection key={row.key} title={t('landlord:report.tenantN', { n: String(index + 1) })} link={url('tenants')}>
              <CheckedTenant row={row} deadline={deadlineOf(row)} retry={deadlines.retry} />
            </CheckSection>
          ))}
          {over && <OverCapacityWarning occupants={house.occupancy.occupants + draft.tenants.length} maxOccupants={house.occupancy.maxOccupants} />}
          <LateConsequence rows={draft.tenants} deadlineOf={deadlineOf} />
          <p className="rs-field-note rs-declaration-note">{t('landlord:report.truthful')}</p>
          <SubmitPanel
            submit={submit}
            onFailure={onFailure}
            label={t('landlord:report.submit')}
            sendingLabel={t('landlord:form.submitting')}
            fieldPrefix={(path) => {
              const at = rowFieldOf(path);
              return at ? `${t('landlord:report.tenantN', { n: String(at.row + 1) })}${t('landlord:report.separator')}` : undefined;
            }}
          />
        </div>
      )}
    </div>
  );
}

interface TenantsStepProps {
  draft: ReportDraft;
  update: (patch: Partial<ReportDraft> | ((current: ReportDraft) => Partial<ReportDraft>)) => void;
  serverErrors: RowErrors[];
  clearServerError: (row: number, field: TenantField) => void;
  deadlineOf: (row: TenantDraft) => DeadlineState | undefined;
  retryDeadline: (date: string) => void;
  house: House;
  onNext: () => void;
}

function TenantsStep({ draft, update, serverErrors, clearServerError, deadlineOf, retryDeadline, house, onNext }: TenantsStepProps) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<RowErrors[]>([]);
  const rows = draft.tenants;
  const hasServerErrors = serverErrors.some((row) => row && Object.values(row).some(Boolean));

  function check(row: TenantDraft): RowErrors {
    const input = tenantInputFrom(row);
    const shape = TenantInput.shape;
    return {
      name: checkField(t, shape.name, 'name', input.name),
      citizenId: checkField(t, shape.citizenId, 'citizenId', input.citizenId),
      phone: checkField(t, shape.phone, 'phone', input.phone),
      moveInDate: row.moveInDate
        ? row.moveInDate > shanghaiDate(new Date())
          ? t('landlord:report.moveInFuture')
          : undefined
        : t('landlord:report.moveInRequired'),
      room: checkField(t, shape.room, 'room', input.room),
    };
  }

  function next() {
    const found = rows.map(check);
    setErrors(found);
    for (const [index, rowErrors] of found.entries()) {
      const field = (Object.keys(rowErrors) as TenantField[]).find((key) => rowErrors[key]);
      if (field) {
        document.getElementById(`tenant-${index}-${field}`)?.focus();
        return;
      }
    }
    onNext();
  }

  const change = (index: number, patch: Partial<TenantDraft>) => {
    update((current) => ({ tenants: current.tenants.map((row, at) => (at === index ? { ...row, ...patch } : row)) }));
    for (const field of Object.keys(patch) as TenantField[]) clearServerError(index, field);
  };
  const add = () => {
    update((current) => ({ tenants: [...current.tenants, emptyTenant(current.tenants.at(-1)?.moveInDate)] }));
    setTimeout(() => document.getElementById(`tenant-${rows.length}-name`)?.focus());
  };
  const remove = (index: number) => {
    update((current) => ({ tenants: current.tenants.filter((_, at) => at !== index) }));
    setErrors((previous) => previous.filter((_, at) => at !== index));
  };

  const adding = rows.length;
  return (
    <StepForm onSubmit={next}>
      <p className="rs-lead">{t('landlord:report.lead')}</p>
      {hasServerErrors && (
        <div className="form-alert" role="alert">
          {t('landlord:report.fixMarked')}
        </div>
      )}
      {overCapacityAfter(house.occupancy, adding) && (
        <OverCapacityWarning occupants={house.occupancy.occupants + adding} maxOccupants={house.occupancy.maxOccupants} />
      )}
      {rows.map((row, index) => (
        <TenantFields
          key={row.key}
          index={index}
          row={row}
          errors={{ ...errors[index], ...Object.fromEntries(Object.entries(serverErrors[index] ?? {}).filter(([, value]) => value)) }}
          onChange={(patch) => change(index, patch)}
          onRemove={rows.length > 1 ? () => remove(index) : undefined}
          deadline={deadlineOf(row)}
          retryDeadline={retryDeadline}
        />
      ))}
      {rows.length < MAX_TENANTS_PER_REPORT && (
        <Button size="large" block fill="outline" onClick={add}>
          <AddOutline aria-hidden="true" /> {t('landlord:report.add')}
        </Button>
      )}
      <StepActions onNext={next} />
    </StepForm>
  );
}

interface TenantFieldsProps {
  index: number;
  row: TenantDraft;
  errors: RowErrors;
  onChange: (patch: Partial<TenantDraft>) => void;
  onRemove: (() => void) | undefined;
  deadline: DeadlineState | undefined;
  retryDeadline: (date: string) => void;
}

/** One tenant: a fieldset named "第2位租客", so every field says whose it is. */
function TenantFields({ index, row, errors, onChange, onRemove, deadline, retryDeadline }: TenantFieldsProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const today = shanghaiDate(new Date());
  const id = (field: TenantField) => `tenant-${index}-${field}`;
  const legend = t('landlord:report.tenantN', { n: String(index + 1) });
  return (
    <fieldset className="rs-card ll-tenant-fields">
      <legend className="ll-tenant-legend">{legend}</legend>
      <TextField id={id('name')} label={t('landlord:report.name')} value={row.name} onChange={(name) => onChange({ name })} error={errors.name} maxLength={40} autoComplete="off" />
      <TextField
        id={id('citizenId')}
        label={t('landlord:report.citizenId')}
        value={row.citizenId}
        onChange={(citizenId) => onChange({ citizenId })}
        error={errors.citizenId}
        maxLength={18}
        autoComplete="off"
      />
      <TextField
        id={id('phone')}
        label={t('landlord:report.phone')}
        value={row.phone}
        onChange={(phone) => onChange({ phone })}
        error={errors.phone}
        type="tel"
        inputMode="numeric"
        maxLength={11}
        autoComplete="off"
        hint={t('landlord:report.phoneHint')}
      />
      <DateField
        id={id('moveInDate')}
        label={t('landlord:report.moveInDate')}
        value={row.moveInDate}
        onChange={(moveInDate) => onChange({ moveInDate })}
        max={today}
        min={`${Number(today.slice(0, 4)) - 1}-01-01`}
        error={errors.moveInDate}
        format={(iso) => formatDay(iso, language, t)}
      />
      {row.moveInDate && <DeadlinePreview deadline={deadline} retry={() => retryDeadline(row.moveInDate!)} />}
      <TextField id={id('room')} label={t('landlord:report.roomOptional')} value={row.room} onChange={(room) => onChange({ room })} error={errors.room} maxLength={20} />
      {onRemove && (
        <Button size="middle" color="danger" fill="none" onClick={onRemove}>
          {t('landlord:report.remove', { n: String(index + 1) })}
        </Button>
      )}
    </fieldset>
  );
}

/** The deadline that applies to a move-in on the row's date, and whether reporting now is on time. */
function DeadlinePreview({ deadline, retry }: { deadline: DeadlineState | undefined; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <InlineLoad state={deadline ?? { status: 'loading' }} loading={t('landlord:report.deadlineLoading')} retry={retry}>
      {(answer) => <ReportDeadline report={answer.report} tense="preview" />}
    </InlineLoad>
  );
}

function CheckedTenant({ row, deadline, retry }: { row: TenantDraft; deadline: DeadlineState | undefined; retry: (date: string) => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <>
      <Row label={t('landlord:report.name')}>
        <bdi>{row.name.trim()}</bdi>
      </Row>
      <Row label={t('landlord:report.citizenId')}>
        <bdi dir="ltr" className="rs-code">
          {row.citizenId.trim().toUpperCase()}
        </bdi>
      </Row>
      <Row label={t('landlord:report.phone')}>
        <bdi dir="ltr">{row.phone.trim()}</bdi>
      </Row>
      <Row label={t('landlord:report.moveInDate')}>{row.moveInDate && formatDay(row.moveInDate, language, t)}</Row>
      <Row label={t('landlord:report.deadline')}>
        {deadline?.status === 'ready' ? (
          <ReportDeadlineLine report={deadline.value.report} tense="preview" />
        ) : (
          row.moveInDate && <DeadlinePreview deadline={deadline} retry={() => retry(row.moveInDate!)} />
        )}
      </Row>
      <Row label={t('landlord:report.room')}>{row.room.trim() ? <bdi>{row.room.trim()}</bdi> : t('landlord:form.none')}</Row>
    </>
  );
}

/** When a report would be late: what the pack says lateness can cost, before the landlord sends it. */
function LateConsequence({ rows, deadlineOf }: { rows: readonly TenantDraft[]; deadlineOf: (row: TenantDraft) => DeadlineState | undefined }) {
  const { t } = useTranslation();
  const late = rows.map(deadlineOf).find((state): state is Extract<DeadlineState, { status: 'ready' }> => state?.status === 'ready' && state.value.report.filing === 'late');
  if (!late) return null;
  return (
    <Section title={t('landlord:report.lateTitle')} level={3} className="ll-late-card">
      <p className="rs-lead">{t('landlord:report.lateLead')}</p>
      <FinesList fines={late.value.fines} />
    </Section>
  );
}

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, ProgressBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { Phone } from '#shared/api/identity';
import {
  AddressDetail,
  CalendarDate,
  DeclarationInput,
  getDeclaration,
  getProfile,
  previewDeadline,
  resubmitDeclaration,
  StreetCode,
  submitDeclaration,
  type Declaration,
} from '#shared/api/residence';
import { shanghaiDate } from '#shared/policy/civil-time';
import { REFERENCE_PATTERN } from '#shared/residence/declaration';
import { HOUSING_TYPES, INTENDED_STAYS, RESIDENCE_REASONS } from '#shared/residence/vocabulary';
import type { CallOutput } from '../../../api/client.ts';
import { ApiError, messageOf } from '../../../api/errors.ts';
import { newIdempotencyKey } from '../../../api/idempotency.ts';
import { useServices } from '../../../app/services.ts';
import { isolate } from '../../../i18n/bidi.ts';
import { checkField } from '../../../i18n/issues.ts';
import { formatList } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/language.ts';
import { TextField } from '../../TextField.tsx';
import { codeOptions } from '../../profile/ProfilePage.tsx';
import { DivisionPicker, placeText } from '../DivisionPicker.tsx';
import { ChooserField, DateField, RadioCards } from '../fields.tsx';
import { AddressText, DeadlineNotice, ReasonList } from '../parts.tsx';
import { EmptyState, LoadError, LoadingBlock } from '../states.tsx';
import { useLoadState, type LoadState } from '../../../app/load.ts';
import { codeLabel, formatDay, formatSize, translate } from '../words.ts';
import { draftFrom, inputFrom, STEPS, useDraft, type Draft, type Step } from './draft.ts';
import { ProofUpload } from './ProofUpload.tsx';
import { CheckSection, Row, StepActions, StepForm } from './steps.tsx';

type Mode = 'new' | 'correct';

async function profileExists(load: () => Promise<unknown>): Promise<boolean> {
  try {
    await load();
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'profile_not_found') return false;
    throw error;
  }
}

/**
 * 居住登记申报, step by step: address, move-in details (with the deadline that applies), proof of
 * residence, then "check your answers". Also a change of address (`?changeOf=`) and the correction
 * of a returned declaration (`/residence/:id/correct`).
 */
export default function DeclarePage({ mode }: { mode: Mode }) {
  const { t } = useTranslation();
  const { call } = useServices();
  const params = useParams();
  const [search] = useSearchParams();
  const location = useLocation();
  const changeOf = mode === 'new' ? (search.get('changeOf') ?? undefined) : undefined;
  const originalId = mode === 'correct' ? params.id : changeOf;
  const { state, retry } = useLoadState(async (signal) => {
    const hasProfile = await profileExists(() => call(getProfile, { signal }));
    const original =
      originalId && REFERENCE_PATTERN.test(originalId) ? await call(getDeclaration, { params: { id: originalId }, signal }) : undefined;
    return { hasProfile, original };
  }, `${mode}|${originalId ?? ''}`);

  if (state.status === 'loading') return <LoadingBlock lines={6} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  const { hasProfile, original } = state.value;
  if (!hasProfile) {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <div className="rs-page">
        <EmptyState title={t('residence:declare.profileFirstTitle')} description={t('residence:declare.profileFirst')}>
          <Link className="adm-button adm-button-primary adm-button-large rs-link-button" to={`/me/profile?next=${next}`}>
            {t('residence:declare.toProfile')}
          </Link>
        </EmptyState>
      </div>
    );
  }
  if (originalId && !original) {
    return (
      <div className="rs-page">
        <EmptyState title={t('residence:detail.notFound')} />
      </div>
    );
  }
  if (original && ((mode === 'correct' && original.status !== 'returned') || (changeOf && original.status !== 'registered'))) {
    return (
      <div className="rs-page">
        <EmptyState title={mode === 'correct' ? t('residence:declare.notReturned') : t('residence:declare.notRegistered')}>
          <Link className="adm-button adm-button-primary adm-button-large rs-link-button" to={`/residence/${original.id}`}>
            {t('residence:declare.toDeclaration')}
          </Link>
        </EmptyState>
      </div>
    );
  }
  return <Flow mode={mode} original={original} changeOf={changeOf} />;
}

interface FlowProps {
  mode: Mode;
  /** The declaration being corrected, or the registered one a change of address replaces. */
  original: Declaration | undefined;
  changeOf: string | undefined;
}

function Flow({ mode, original, changeOf }: FlowProps) {
  const { t } = useTranslation();
  const { call } = useServices();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const correcting = mode === 'correct' ? original : undefined;
  const storageKey = `residence-declare:${correcting ? `correct:${correcting.id}` : changeOf ? `change:${changeOf}` : 'new'}`;
  const { draft, update, clear } = useDraft(
    storageKey,
    () => (correcting ? draftFrom(correcting) : {}),
    (stored) => !correcting || stored.basedOn === correcting.version,
  );

  const requested = search.get('step');
  const step: Step = (STEPS as readonly string[]).includes(requested ?? '') ? (requested as Step) : 'address';
  const fromCheck = search.get('from') === 'check';
  const base = correcting ? `/residence/${correcting.id}/correct` : '/residence/declare';
  const url = (next: Step, from?: 'check') => {
    const query = new URLSearchParams();
    if (changeOf) query.set('changeOf', changeOf);
    query.set('step', next);
    if (from) query.set('from', from);
    return `${base}?${query.toString()}`;
  };
  const go = (next: Step) => navigate(url(next));

  // A change of address, and the correction of one, count from the pack's change deadline.
  const change = Boolean(changeOf ?? correcting?.changeOf);
  const division = draft.address?.division;
  const previewKey = division && StreetCode.safeParse(division).success && draft.moveInDate ? `${division}|${draft.moveInDate}|${change}` : '';
  const preview = useLoadState(
    previewKey
      ? (signal) =>
          call(previewDeadline, { query: { division: division!, moveInDate: draft.moveInDate!, change: change ? 'true' : 'false' }, signal })
      : undefined,
    previewKey,
  );
  const previewState = previewKey ? preview.state : undefined;

  // A later step opened (by a reload or a link) before the earlier ones are answered starts there.
  const firstOpen = !addressDone(draft) ? 'address' : !detailsDone(draft) ? 'details' : undefined;
  const stepIndex = STEPS.indexOf(step);
  const blocked = firstOpen !== undefined && stepIndex > STEPS.indexOf(firstOpen);
  useEffect(() => {
    if (blocked) navigate(url(firstOpen!), { replace: true });
  });

  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    // The step's heading takes focus, so a screen reader announces the new step.
    if (firstRender.current) firstRender.current = false;
    else heading.current?.focus();
    window.scrollTo(0, 0);
  }, [step]);

  if (blocked) return null;

  const titles: Record<Step, string> = {
    address: t('residence:declare.steps.address'),
    details: t('residence:declare.steps.details'),
    proof: t('residence:declare.steps.proof'),
    check: t('residence:declare.steps.check'),
  };
  const advance = (next: Step) => go(fromCheck ? 'check' : next);

  return (
    <div className="rs-page rs-flow">
      {correcting && <ReturnedReasons declaration={correcting} />}
      {changeOf && original && (
        <div className="rs-banner">
          <p>{t('residence:declare.changeLead')}</p>
          <p className="rs-banner-place">
            <AddressText path={original.address.path} detail={original.address.detail} />
          </p>
        </div>
      )}
      <div className="rs-progress">
        <p className="rs-progress-text">{t('residence:declare.stepOf', { step: stepIndex + 1, total: STEPS.length })}</p>
        <ProgressBar percent={((stepIndex + 1) / STEPS.length) * 100} aria-hidden="true" />
      </div>
      <h2 className="rs-step-title" tabIndex={-1} ref={heading}>
        {titles[step]}
      </h2>
      {step === 'address' && <AddressStep draft={draft} update={update} onNext={() => advance('details')} />}
      {step === 'details' && (
        <DetailsStep draft={draft} update={update} preview={previewState} retryPreview={preview.retry} change={change} onNext={() => advance('proof')} />
      )}
      {step === 'proof' && <ProofStep draft={draft} update={update} preview={previewState} retryPreview={preview.retry} onNext={() => go('check')} />}
      {step === 'check' && (
        <CheckStep
          draft={draft}
          preview={previewState}
          change={change}
          changeLink={(target) => url(target, 'check')}
          submit={async (idempotencyKey) => {
            const input = inputFrom(draft, changeOf);
            const result = correcting
              ? await call(resubmitDeclaration, { params: { id: correcting.id }, body: { declaration: input, version: correcting.version } })
              : await call(submitDeclaration, { body: input, headers: { 'Idempotency-Key': idempotencyKey } });
            clear();
            navigate(`/residence/declared/${result.id}${correcting ? '?resubmitted=1' : ''}`, { replace: true });
          }}
          resubmit={Boolean(correcting)}
        />
      )}
    </div>
  );
}

type Update = (patch: Partial<Draft>) => void;
type Preview = LoadState<CallOutput<typeof previewDeadline>> | undefined;

const addressDone = (draft: Draft) =>
  Boolean(draft.address && StreetCode.safeParse(draft.address.division).success && AddressDetail.safeParse(draft.address.detail).success);

const detailsDone = (draft: Draft) => {
  const input = inputFrom(draft, undefined);
  const result = DeclarationInput.safeParse({ ...input, proofUploadId: undefined });
  return result.success && draft.moveInDate! <= shanghaiDate(new Date());
};

/** The officer's reasons for returning a declaration, above the form that corrects it. */
function ReturnedReasons({ declaration }: { declaration: Declaration }) {
  const { t } = useTranslation();
  const returned = [...declaration.history].reverse().find((entry) => entry.event === 'returned');
  if (!returned) return null;
  return (
    <section className="rs-banner rs-banner-warning" aria-labelledby="rs-returned-title">
      <h2 id="rs-returned-title" className="rs-banner-title">
        {t('residence:declare.returnedTitle')}
      </h2>
      <ReasonList entry={returned} />
    </section>
  );
}

function AddressStep({ draft, update, onNext }: { draft: Draft; update: Update; onNext: () => void }) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const [errors, setErrors] = useState<{ division?: string | undefined; detail?: string | undefined }>({});
  const button = useRef<HTMLButtonElement>(null);
  const address = draft.address;

  function next() {
    const found = {
      division: address?.division ? checkField(t, StreetCode, 'address.division', address.division) : t('residence:declare.streetRequired'),
      detail: checkField(t, AddressDetail, 'address.detail', address?.detail ?? ''),
    };
    setErrors(found);
    if (found.division) button.current?.focus();
    else if (found.detail) document.getElementById('declare-detail')?.focus();
    else onNext();
  }

  return (
    <StepForm onSubmit={next}>
      <p className="rs-lead">{t('residence:declare.addressLead')}</p>
      <section className="rs-card">
        <ChooserField
          id="declare-division"
          buttonRef={button}
          label={t('residence:declare.street')}
          text={address?.division ? placeText(address.path) : undefined}
          placeholder={t('residence:picker.choose')}
          onOpen={() => setPicking(true)}
          error={errors.division}
          chineseValue
        />
        <TextField
          id="declare-detail"
          label={t('residence:declare.detail')}
          value={address?.detail ?? ''}
          onChange={(detail) => update({ address: { division: address?.division ?? '', path: address?.path ?? [], detail } })}
          error={errors.detail}
          maxLength={120}
          placeholder={t('residence:declare.detailPlaceholder')}
        />
      </section>
      <StepActions onNext={next} />
      <DivisionPicker
        visible={picking}
        level="street"
        title={t('residence:declare.street')}
        current={address?.division ? { code: address.division, path: address.path } : undefined}
        onChoose={(chosen) => {
          update({ address: { division: chosen.code, path: chosen.path, detail: address?.detail ?? '' } });
          setPicking(false);
        }}
        onClose={() => setPicking(false)}
        returnFocus={button}
      />
    </StepForm>
  );
}

/** The deadline for this street and date as soon as both are known, with the station that will review it. */
function PreviewPanel({ preview, retry, change }: { preview: Preview; retry: () => void; change: boolean }) {
  const { t } = useTranslation();
  if (!preview) return null;
  if (preview.status === 'loading') {
    return (
      <p className="rs-field-note" role="status">
        {t('residence:declare.previewLoading')}
      </p>
    );
  }
  if (preview.status === 'failed') {
    return (
      <div className="rs-inline-error" role="alert">
        <p>{messageOf(preview.error, t)}</p>
        <Button size="small" onClick={retry}>
          {t('common:action.retry')}
        </Button>
      </div>
    );
  }
  const answer = preview.value;
  return (
    <div className="rs-preview">
      <DeadlineNotice deadline={answer.deadline} kind={change ? 'change' : 'registration'} tense="preview" />
      <p className="rs-field-note">
        {answer.station
          ? t('residence:declare.station', { station: isolate(answer.station.name) })
          : t('residence:declare.noStation')}
      </p>
    </div>
  );
}

type DetailsField = 'moveInDate' | 'intendedStay' | 'reason' | 'reasonDetail' | 'housing' | 'landlordPhone';

function DetailsStep(props: { draft: Draft; update: Update; preview: Preview; retryPreview: () => void; change: boolean; onNext: () => void }) {
  const { draft, update } = props;
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [errors, setErrors] = useState<Partial<Record<DetailsField, string | undefined>>>({});
  const today = shanghaiDate(new Date());

  function next() {
    const found: Partial<Record<DetailsField, string | undefined>> = {
      moveInDate: !draft.moveInDate
        ? t('residence:declare.moveInDateRequired')
        : (checkField(t, CalendarDate, 'moveInDate', draft.moveInDate) ??
          (draft.moveInDate > today ? t('residence:declare.moveInDateFuture') : undefined)),
      intendedStay: draft.intendedStay ? undefined : t('residence:declare.choiceRequired'),
      reason: draft.reason ? undefined : t('residence:declare.choiceRequired'),
      reasonDetail:
        draft.reason === 'other' && !draft.reasonDetail?.trim()
          ? t('residence:declare.reasonDetailRequired')
          : checkField(t, DeclarationInput.shape.reasonDetail, 'reasonDetail', draft.reasonDetail?.trim() || undefined),
      housing: draft.housing ? undefined : t('residence:declare.choiceRequired'),
      landlordPhone: draft.housing === 'rented' ? checkField(t, Phone, 'landlordPhone', draft.landlordPhone ?? '') : undefined,
    };
    const first = (Object.keys(found) as DetailsField[]).find((key) => found[key]);
    setErrors(found);
    if (first) {
      const target = document.getElementById(`declare-${first}`) ?? document.querySelector<HTMLElement>(`input[name="declare-${first}"]`);
      target?.focus();
    } else props.onNext();
  }

  return (
    <StepForm onSubmit={next}>
      <section className="rs-card">
        <DateField
          id="declare-moveInDate"
          label={t('residence:declare.moveInDate')}
          value={draft.moveInDate}
          onChange={(moveInDate) => update({ moveInDate })}
          max={today}
          min={`${Number(today.slice(0, 4)) - 5}-01-01`}
          error={errors.moveInDate}
          format={(iso) => formatDay(iso, language, t)}
        />
        <PreviewPanel preview={props.preview} retry={props.retryPreview} change={props.change} />
      </section>
      <section className="rs-card">
        <RadioCards
          name="declare-intendedStay"
          legend={t('residence:declare.intendedStay')}
          options={codeOptions(t, 'intendedStays', INTENDED_STAYS)}
          value={draft.intendedStay}
          onChange={(value) => update({ intendedStay: value as Draft['intendedStay'] })}
          error={errors.intendedStay}
        />
      </section>
      <section className="rs-card">
        <RadioCards
          name="declare-reason"
          legend={t('residence:declare.reason')}
          options={codeOptions(t, 'reasons', RESIDENCE_REASONS)}
          value={draft.reason}
          onChange={(value) => update({ reason: value as Draft['reason'] })}
          error={errors.reason}
        />
        {draft.reason === 'other' && (
          <TextField
            id="declare-reasonDetail"
            label={t('residence:declare.reasonDetail')}
            value={draft.reasonDetail ?? ''}
            onChange={(reasonDetail) => update({ reasonDetail })}
            error={errors.reasonDetail}
            maxLength={80}
          />
        )}
      </section>
      <section className="rs-card">
        <RadioCards
          name="declare-housing"
          legend={t('residence:declare.housing')}
          options={codeOptions(t, 'housing', HOUSING_TYPES)}
          value={draft.housing}
          onChange={(value) => update({ housing: value as Draft['housing'] })}
          error={errors.housing}
        />
        {draft.housing === 'rented' && (
          <TextField
            id="declare-landlordPhone"
            label={t('residence:declare.landlordPhone')}
            value={draft.landlordPhone ?? ''}
            onChange={(landlordPhone) => update({ landlordPhone })}
            error={errors.landlordPhone}
            type="tel"
            inputMode="numeric"
            autoComplete="off"
            maxLength={11}
            hint={t('residence:declare.landlordPhoneHint')}
          />
        )}
      </section>
      <StepActions onNext={next} />
    </StepForm>
  );
}

function ProofStep(props: { draft: Draft; update: Update; preview: Preview; retryPreview: () => void; onNext: () => void }) {
  const { draft, update, preview } = props;
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [error, setError] = useState<string | undefined>();
  if (!preview || preview.status === 'loading') return <LoadingBlock lines={3} />;
  if (preview.status === 'failed') return <LoadError error={preview.error} retry={props.retryPreview} />;
  const { proofRequired, documents } = preview.value;

  function next() {
    if (proofRequired && !draft.proof) {
      setError(t('residence:upload.required'));
      document.getElementById('proof-file')?.focus();
    } else props.onNext();
  }

  return (
    <StepForm onSubmit={next}>
      <p className="rs-lead">{proofRequired ? t('residence:declare.proofRequiredLead') : t('residence:declare.proofOptionalLead')}</p>
      {documents.length > 0 && (
        <p className="rs-field-note">
          {t('residence:declare.documents', {
            documents: formatList(
              documents.map((document) => translate(t)(`policy:documents.${document}`)),
              language,
              t,
            ),
          })}
        </p>
      )}
      <section className="rs-card">
        <ProofUpload
          value={draft.proof}
          onChange={(proof) => {
            update({ proof });
            setError(undefined);
          }}
          required={proofRequired}
          error={error}
        />
      </section>
      <StepActions onNext={next} />
    </StepForm>
  );
}

interface CheckStepProps {
  draft: Draft;
  preview: Preview;
  change: boolean;
  changeLink: (step: Step) => string;
  submit: (idempotencyKey: string) => Promise<void>;
  resubmit: boolean;
}

function CheckStep({ draft, preview, change, changeLink, submit, resubmit }: CheckStepProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const sendingRef = useRef(false);

  async function send() {
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    setFailure(undefined);
    try {
      await submit(idempotencyKey);
    } catch (error) {
      setFailure(error);
      sendingRef.current = false;
      setSending(false);
    }
  }

  const fields = failure instanceof ApiError ? failure.fields : [];
  return (
    <div>
      <p className="rs-lead">{t('residence:declare.checkLead')}</p>
      <CheckSection title={t('residence:declare.steps.address')} link={changeLink('address')}>
        <Row label={t('residence:declare.street')}>
          <span lang="zh-CN">{placeText(draft.address?.path ?? [])}</span>
        </Row>
        <Row label={t('residence:declare.detail')}>
          <bdi>{draft.address?.detail}</bdi>
        </Row>
      </CheckSection>
      <CheckSection title={t('residence:declare.steps.details')} link={changeLink('details')}>
        <Row label={t('residence:declare.moveInDate')}>{draft.moveInDate ? formatDay(draft.moveInDate, language, t) : ''}</Row>
        <Row label={t('residence:declare.intendedStay')}>{draft.intendedStay && codeLabel(t, 'intendedStays', draft.intendedStay)}</Row>
        <Row label={t('residence:declare.reason')}>
          {draft.reason && codeLabel(t, 'reasons', draft.reason)}
          {draft.reason === 'other' && draft.reasonDetail && (
            <>
              {t('residence:declare.detailSeparator')}
              <bdi>{draft.reasonDetail}</bdi>
            </>
          )}
        </Row>
        <Row label={t('residence:declare.housing')}>{draft.housing && codeLabel(t, 'housing', draft.housing)}</Row>
        {draft.housing === 'rented' && (
          <Row label={t('residence:declare.landlordPhone')}>
            <bdi dir="ltr">{draft.landlordPhone}</bdi>
          </Row>
        )}
      </CheckSection>
      <CheckSection title={t('residence:declare.steps.proof')} link={changeLink('proof')}>
        <Row label={t('residence:upload.label')}>
          {draft.proof ? (
            <>
              <bdi>{draft.proof.fileName}</bdi> · {formatSize(draft.proof.size, t)}
            </>
          ) : (
            t('residence:declare.noProof')
          )}
        </Row>
      </CheckSection>
      {preview?.status === 'ready' && (
        <section className="rs-card" aria-labelledby="rs-check-deadline">
          <h3 id="rs-check-deadline" className="rs-card-title">
            {t('residence:detail.deadlineTitle')}
          </h3>
          <DeadlineNotice deadline={preview.value.deadline} kind={change ? 'change' : 'registration'} tense="preview" />
          {preview.value.station && (
            <p className="rs-field-note">{t('residence:declare.station', { station: isolate(preview.value.station.name) })}</p>
          )}
        </section>
      )}
      <p className="rs-field-note rs-declaration-note">{t('residence:declare.truthful')}</p>
      {failure !== undefined && (
        <div className="form-alert" role="alert">
          <p className="rs-alert-title">{messageOf(failure, t)}</p>
          {fields.length > 0 && (
            <ul className="rs-alert-fields">
              {fields.map((field) => (
                <li key={field.path}>{field.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="rs-actions">
        <Button color="primary" size="large" block loading={sending} loadingText={t('residence:declare.submitting')} onClick={send}>
          {resubmit ? t('residence:declare.resubmit') : t('residence:declare.submit')}
        </Button>
      </div>
    </div>
  );
}

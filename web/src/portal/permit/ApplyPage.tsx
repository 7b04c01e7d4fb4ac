import { useState, type ReactNode } from 'react';
import { Button, ProgressBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { applyForPermit, type HolderPermit, type PermitOverview } from '#shared/api/permit';
import type { PolicyDocument } from '#shared/policy/vocabulary';
import { ApiError, messageOf } from '../../api/errors.ts';
import { newIdempotencyKey } from '../../api/idempotency.ts';
import { useServices } from '../../app/services.ts';
import { isolate } from '../../i18n/bidi.ts';
import { useDraft } from '../residence/declare/draft.ts';
import { CheckSection, Row, StepActions, StepForm, useSend, useSteps } from '../residence/declare/steps.tsx';
import { RadioCards } from '../residence/fields.tsx';
import { EmptyState } from '../residence/states.tsx';
import { formatSize } from '../residence/words.ts';
import { PhotoField, ProofFields, photoFieldId, proofFieldId } from './DocumentFields.tsx';
import { OverviewGate } from './OverviewGate.tsx';
import { LinkButton } from './parts.tsx';
import {
  applicantsOf,
  applySteps,
  documentKindAt,
  documentsOf,
  holderOf,
  isActivePermit,
  openApplicationOf,
  proofKindsOf,
  validityYearsOf,
  type ApplicationKind,
  type ApplyDraft,
  type ApplyStep,
  type UploadedFile,
} from './rules.ts';
import { usePermitOverview } from './usePermit.ts';
import { documentName, yearsText } from './words.ts';

/**
 * 申领居住证, step by step: for whom, the validity (where the pack offers a choice), the photo, the
 * proofs the pack lists, then "check your answers". Also the replacement of a lost card
 * (`kind="replacement"`): a new photo and the proofs, for the permit it replaces.
 */
export default function ApplyPage({ kind }: { kind: ApplicationKind }) {
  const [search] = useSearchParams();
  const loaded = usePermitOverview();
  return <OverviewGate loaded={loaded}>{({ overview }) => <Start kind={kind} overview={overview} requested={search.get('holder') ?? undefined} />}</OverviewGate>;
}

/** Whom the application can be for, or why none can be made now. */
function Start({ kind, overview, requested }: { kind: ApplicationKind; overview: PermitOverview; requested: string | undefined }) {
  const { t } = useTranslation();
  const applicants = kind === 'first' ? applicantsOf(overview) : replaceable(overview, requested ?? 'self');
  const chosen = requested ? applicants.filter((applicant) => applicant.holder === requested) : applicants;
  if (!overview.terms || chosen.length === 0) {
    return (
      <div className="rs-page">
        <EmptyState title={kind === 'first' ? t('permit:apply.cannotTitle') : t('permit:replace.cannotTitle')} description={t('permit:apply.cannot')}>
          <LinkButton to="/permit" primary>
            {t('permit:backToPermit')}
          </LinkButton>
        </EmptyState>
      </div>
    );
  }
  return <Flow kind={kind} overview={overview} applicants={chosen} fixedHolder={requested} />;
}

/** A lost card is replaced for a permit that still counts and has nothing under way. */
function replaceable(overview: PermitOverview, holder: string): HolderPermit[] {
  const found = holderOf(overview, holder);
  return found && isActivePermit(found.permit) && !openApplicationOf(found) ? [found] : [];
}

interface FlowProps {
  kind: ApplicationKind;
  overview: PermitOverview;
  applicants: HolderPermit[];
  fixedHolder: string | undefined;
}

type Update = (patch: Partial<ApplyDraft> | ((current: ApplyDraft) => Partial<ApplyDraft>)) => void;

function Flow({ kind, overview, applicants, fixedHolder }: FlowProps) {
  const { t } = useTranslation();
  const { call } = useServices();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const terms = overview.terms!;
  const years = validityYearsOf(terms.validityChoices);
  const proofKinds = proofKindsOf(terms.documents);
  const photoRequired = terms.documents.includes('photo');
  const only = applicants.length === 1 ? applicants[0]!.holder : undefined;
  const { draft, update, clear } = useDraft<ApplyDraft>(`permit-apply:${kind}:${fixedHolder ?? ''}`, () => ({
    holder: only,
    validityYears: years.length === 1 ? years[0] : undefined,
  }));
  const steps = applySteps(kind, { applicants: applicants.length, validityChoices: years.length, proofKinds: proofKinds.length });

  const requested = search.get('step') as ApplyStep | null;
  const step: ApplyStep = requested && steps.includes(requested) ? requested : steps[0]!;
  const fromCheck = search.get('from') === 'check';
  const url = (next: ApplyStep, from?: 'check') => {
    const query = new URLSearchParams();
    if (fixedHolder) query.set('holder', fixedHolder);
    query.set('step', next);
    if (from) query.set('from', from);
    return `/permit/${kind === 'first' ? 'apply' : 'replace'}?${query.toString()}`;
  };
  const advance = (next: ApplyStep) => navigate(url(fromCheck ? 'check' : next));
  const nextOf = (current: ApplyStep) => steps[steps.indexOf(current) + 1] ?? 'check';

  // A later step opened (by a reload or a link) before an earlier one is answered starts there.
  const done: Record<ApplyStep, boolean> = {
    who: applicants.some((applicant) => applicant.holder === draft.holder),
    validity: years.length <= 1 || (draft.validityYears !== undefined && years.includes(draft.validityYears)),
    photo: !photoRequired || draft.photo !== undefined,
    proofs: proofKinds.length === 0 || proofKinds.some((proof) => draft.proofs?.[proof]),
    check: true,
  };
  const firstOpen = steps.find((candidate) => !done[candidate]);
  const { blocked, heading } = useSteps(steps, step, firstOpen, url);
  if (blocked) return null;
  const holder = applicants.find((applicant) => applicant.holder === draft.holder) ?? applicants[0]!;
  const titles: Record<ApplyStep, string> = {
    who: t('permit:apply.steps.who'),
    validity: t('permit:apply.steps.validity'),
    photo: t('permit:apply.steps.photo'),
    proofs: t('permit:apply.steps.proofs'),
    check: t('permit:apply.steps.check'),
  };
  const index = steps.indexOf(step);

  return (
    <div className="rs-page rs-flow pm-flow">
      {kind === 'replacement' && <p className="rs-banner">{t('permit:replace.lead')}</p>}
      {steps.length > 1 && (
        <div className="rs-progress">
          <p className="rs-progress-text">{t('residence:declare.stepOf', { step: index + 1, total: steps.length })}</p>
          <ProgressBar percent={((index + 1) / steps.length) * 100} aria-hidden="true" />
        </div>
      )}
      <h2 className="rs-step-title" tabIndex={-1} ref={heading} data-testid="permit-step" data-step={step}>
        {titles[step]}
      </h2>
      {step === 'who' && <WhoStep applicants={applicants} draft={draft} update={update} onNext={() => advance(nextOf('who'))} />}
      {step === 'validity' && <ValidityStep years={years} draft={draft} update={update} onNext={() => advance(nextOf('validity'))} />}
      {step === 'photo' && <PhotoStep required={photoRequired} draft={draft} update={update} onNext={() => advance(nextOf('photo'))} />}
      {step === 'proofs' && <ProofsStep kinds={proofKinds} draft={draft} update={update} onNext={() => navigate(url('check'))} />}
      {step === 'check' && (
        <CheckStep
          kind={kind}
          steps={steps}
          holder={holder}
          draft={draft}
          proofKinds={proofKinds}
          changeLink={(target) => url(target, 'check')}
          submit={async (idempotencyKey, documents) => {
            const application = await call(applyForPermit, {
              body: {
                holder: holder.holder,
                kind,
                ...(kind === 'first' && draft.validityYears !== undefined && years.length > 0 ? { validityYears: draft.validityYears } : {}),
                documents,
              },
              headers: { 'Idempotency-Key': idempotencyKey },
            });
            clear();
            navigate(`/permit/applied/${application.id}`, { replace: true });
          }}
        />
      )}
    </div>
  );
}

/** Whose name a holder goes by in the form: "me (name)" or the child's name. */
function useHolderLabel() {
  const { t } = useTranslation();
  return (holder: HolderPermit) => (holder.holder === 'self' ? t('permit:apply.self', { name: isolate(holder.name) }) : holder.name);
}

function WhoStep({ applicants, draft, update, onNext }: { applicants: HolderPermit[]; draft: ApplyDraft; update: Update; onNext: () => void }) {
  const { t } = useTranslation();
  const label = useHolderLabel();
  const [error, setError] = useState<string>();
  function next() {
    if (!applicants.some((applicant) => applicant.holder === draft.holder)) {
      setError(t('residence:declare.choiceRequired'));
      document.querySelector<HTMLInputElement>('input[name="permit-holder"]')?.focus();
    } else onNext();
  }
  return (
    <StepForm onSubmit={next}>
      <p className="rs-lead">{t('permit:apply.whoLead')}</p>
      <section className="rs-card">
        <RadioCards
          name="permit-holder"
          legend={t('permit:apply.who')}
          options={applicants.map((applicant) => ({ value: applicant.holder, label: label(applicant) }))}
          value={draft.holder}
          onChange={(holder) => {
            update({ holder });
            setError(undefined);
          }}
          error={error}
        />
      </section>
      <StepActions onNext={next} />
    </StepForm>
  );
}

function ValidityStep({ years, draft, update, onNext }: { years: number[]; draft: ApplyDraft; update: Update; onNext: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  function next() {
    if (draft.validityYears === undefined || !years.includes(draft.validityYears)) {
      setError(t('residence:declare.choiceRequired'));
      document.querySelector<HTMLInputElement>('input[name="permit-validity"]')?.focus();
    } else onNext();
  }
  return (
    <StepForm onSubmit={next}>
      <p className="rs-lead">{t('permit:apply.validityLead')}</p>
      <section className="rs-card">
        <ValidityChoice years={years} value={draft.validityYears} onChange={(validityYears) => update({ validityYears })} error={error} />
      </section>
      <StepActions onNext={next} />
    </StepForm>
  );
}

/** The pack's validity choices (Liaoning: 1, 2 or 3 years) as radio cards. */
export function ValidityChoice(props: { years: number[]; value: number | undefined; onChange: (years: number) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <RadioCards
      name="permit-validity"
      legend={t('permit:apply.validity')}
      options={props.years.map((n) => ({ value: String(n), label: yearsText(t, n) }))}
      value={props.value === undefined ? undefined : String(props.value)}
      onChange={(value) => props.onChange(Number(value))}
      error={props.error}
    />
  );
}

function PhotoStep({ required, draft, update, onNext }: { required: boolean; draft: ApplyDraft; update: Update; onNext: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  function next() {
    if (required && !draft.photo) {
      setError(t('permit:apply.photoRequired'));
      document.getElementById(`${photoFieldId}-camera`)?.focus();
    } else onNext();
  }
  return (
    <StepForm onSubmit={next}>
      <p className="rs-lead">{t('permit:apply.photoLead')}</p>
      <section className="rs-card">
        <PhotoField
          value={draft.photo}
          onChange={(photo) => {
            update({ photo });
            setError(undefined);
          }}
          required={required}
          error={error}
        />
      </section>
      <StepActions onNext={next} />
    </StepForm>
  );
}

function ProofsStep({ kinds, draft, update, onNext }: { kinds: PolicyDocument[]; draft: ApplyDraft; update: Update; onNext: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  function next() {
    if (!kinds.some((kind) => draft.proofs?.[kind])) {
      setError(t('permit:apply.proofRequired'));
      document.getElementById(`${proofFieldId(kinds[0]!)}-file`)?.focus();
    } else onNext();
  }
  return (
    <StepForm onSubmit={next}>
      <p className="rs-lead">{t('permit:apply.proofsLead')}</p>
      {error && (
        <div className="form-alert" role="alert">
          {error}
        </div>
      )}
      <ProofFields
        kinds={kinds}
        values={draft.proofs ?? {}}
        errors={{}}
        onChange={(kind, file) => {
          update((current) => ({ proofs: { ...current.proofs, [kind]: file } }));
          setError(undefined);
        }}
      />
      <StepActions onNext={next} label={t('permit:apply.toCheck')} />
    </StepForm>
  );
}

interface CheckStepProps {
  kind: ApplicationKind;
  steps: ApplyStep[];
  holder: HolderPermit;
  draft: ApplyDraft;
  proofKinds: PolicyDocument[];
  changeLink: (step: ApplyStep) => string;
  submit: (idempotencyKey: string, documents: ReturnType<typeof documentsOf>) => Promise<void>;
}

function CheckStep({ kind, steps, holder, draft, proofKinds, changeLink, submit }: CheckStepProps) {
  const { t } = useTranslation();
  const label = useHolderLabel();
  // One key for this visit of the page: a double tap or a retry returns the first application.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const documents = documentsOf(draft, proofKinds);
  const { sending, failure, send } = useSend(() => submit(idempotencyKey, documents));

  // The API's field messages go next to the answers they are about; the rest above the button.
  const fields = failure instanceof ApiError ? failure.fields : [];
  const byKind: Partial<Record<PolicyDocument, string>> = {};
  let holderError: string | undefined;
  let validityError: string | undefined;
  const other: string[] = [];
  for (const field of fields) {
    const documentKind = documentKindAt(field.path, documents);
    if (documentKind) byKind[documentKind] = field.message;
    else if (field.path === 'holder') holderError = field.message;
    else if (field.path === 'validityYears') validityError = field.message;
    else other.push(field.message);
  }
  const file = (value: UploadedFile | undefined) =>
    value ? (
      <>
        <bdi>{value.fileName}</bdi> · {formatSize(value.size, t)}
      </>
    ) : (
      t('permit:apply.notAttached')
    );
  const sectionLink = (step: ApplyStep) => (steps.includes(step) ? changeLink(step) : undefined);

  return (
    <div>
      <p className="rs-lead">{kind === 'first' ? t('permit:apply.checkLead') : t('permit:replace.checkLead')}</p>
      <MaybeLinkedSection title={t('permit:apply.steps.who')} link={sectionLink('who')}>
        <Row label={t('permit:apply.who')}>
          <bdi>{label(holder)}</bdi>
          <FieldError message={holderError} />
        </Row>
      </MaybeLinkedSection>
      {kind === 'first' && draft.validityYears !== undefined && (
        <MaybeLinkedSection title={t('permit:apply.steps.validity')} link={sectionLink('validity')}>
          <Row label={t('permit:apply.validity')}>
            {yearsText(t, draft.validityYears)}
            <FieldError message={validityError} />
          </Row>
        </MaybeLinkedSection>
      )}
      <CheckSection title={t('permit:apply.steps.photo')} link={changeLink('photo')}>
        <Row label={t('permit:apply.photoLabel')}>
          {file(draft.photo)}
          <FieldError message={byKind.photo} />
        </Row>
      </CheckSection>
      {proofKinds.length > 0 && (
        <CheckSection title={t('permit:apply.steps.proofs')} link={changeLink('proofs')}>
          {proofKinds.map((proof) => (
            <Row key={proof} label={documentName(t, proof)}>
              {file(draft.proofs?.[proof])}
              <FieldError message={byKind[proof]} />
            </Row>
          ))}
        </CheckSection>
      )}
      <p className="rs-field-note rs-declaration-note">{t('permit:apply.truthful')}</p>
      {failure !== undefined && (
        <div className="form-alert" role="alert" data-testid="permit-apply-error">
          <p className="rs-alert-title">{messageOf(failure, t)}</p>
          {other.length > 0 && (
            <ul className="rs-alert-fields">
              {other.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="rs-actions">
        <Button color="primary" size="large" block loading={sending} loadingText={t('residence:declare.submitting')} onClick={() => void send()} data-testid="permit-submit">
          {kind === 'first' ? t('permit:apply.submit') : t('permit:replace.submit')}
        </Button>
      </div>
    </div>
  );
}

/** The check page's "change" link for a section whose step was shown; a plain card when it was not (one applicant). */
function MaybeLinkedSection({ title, link, children }: { title: string; link: string | undefined; children: ReactNode }) {
  if (link) return <CheckSection title={title} link={link}>{children}</CheckSection>;
  return (
    <section className="rs-card rs-check" aria-label={title}>
      <h3 className="rs-card-title">{title}</h3>
      <dl className="rs-facts">{children}</dl>
    </section>
  );
}

/** An API field message next to the answer it is about. */
function FieldError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="field-error pm-field-error" role="alert">
      {message}
    </span>
  );
}

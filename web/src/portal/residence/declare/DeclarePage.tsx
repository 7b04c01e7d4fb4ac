import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { Phone } from '#shared/api/identity';
import {
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
import { houseByCode, type HouseForTenant } from '#shared/api/landlord';
import { HOUSE_CODE_PATTERN, houseAddressDetail, printedHouseCode } from '#shared/landlord/house';
import { HOUSING_TYPES } from '#shared/residence/vocabulary';
import type { CallOutput } from '../../../api/client.ts';
import { ApiError } from '../../../api/errors.ts';
import { useServices } from '../../../app/services.ts';
import { isolate } from '../../../i18n/bidi.ts';
import { checkField } from '../../../i18n/issues.ts';
import { formatList } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/language.ts';
import { TextField } from '../../TextField.tsx';
import { codeOptions } from '../../profile/ProfilePage.tsx';
import { placeText } from '../DivisionPicker.tsx';
import { DateField, RadioCards, ReadOnlyField } from '../fields.tsx';
import { AddressText, DeadlineNotice, ReasonList } from '../parts.tsx';
import { EmptyState, InlineLoad, LoadError, LoadingBlock } from '../states.tsx';
import { useLoadState, type LoadState } from '../../../app/load.ts';
import { codeLabel, formatDay, formatSize, translate } from '../words.ts';
import { draftFrom, inputFrom, STEPS, useDraft, type Draft, type Step } from './draft.ts';
import { ProofUpload } from './ProofUpload.tsx';
import { AddressStep, streetAddressDone } from './AddressStep.tsx';
import { StayFields, stayErrors } from './StayFields.tsx';
import { CheckSection, Row, StepActions, StepForm, StepHeading, SubmitPanel, useSteps } from './steps.tsx';

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
  // A registered rental house the tenant scanned or typed the code of: its address is the declaration's.
  const houseCode = mode === 'new' ? (search.get('house') ?? undefined) : undefined;
  const { state, retry } = useLoadState(async (signal) => {
    const hasProfile = await profileExists(() => call(getProfile, { signal }));
    const original =
      originalId && REFERENCE_PATTERN.test(originalId) ? await call(getDeclaration, { params: { id: originalId }, signal }) : undefined;
    const house = houseCode && HOUSE_CODE_PATTERN.test(houseCode) ? await call(houseByCode, { params: { code: houseCode }, signal }) : undefined;
    return { hasProfile, original, house };
  }, `${mode}|${originalId ?? ''}|${houseCode ?? ''}`);

  if (state.status === 'loading') return <LoadingBlock lines={6} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  const { hasProfile, original, house } = state.value;
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
  return <Flow mode={mode} original={original} changeOf={changeOf} house={house} />;
}

interface FlowProps {
  mode: Mode;
  /** The declaration being corrected, or the registered one a change of address replaces. */
  original: Declaration | undefined;
  changeOf: string | undefined;
  /** The registered rental house the declaration is at: address and housing fixed, its landlord asked to confirm. */
  house: HouseForTenant | undefined;
}

/** The house's address as the declaration records it: its street, and its detail with building, unit and room. */
const houseAddress = (house: HouseForTenant) => ({ division: house.address.division, path: house.address.path, detail: houseAddressDetail(house) });

function Flow({ mode, original, changeOf, house }: FlowProps) {
  const { t } = useTranslation();
  const { call } = useServices();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const correcting = mode === 'correct' ? original : undefined;
  const storageKey = `residence-declare:${correcting ? `correct:${correcting.id}` : changeOf ? `change:${changeOf}` : 'new'}${house ? `:house:${house.id}` : ''}`;
  const stored = useDraft(
    storageKey,
    () => (correcting ? draftFrom(correcting) : {}),
    (kept) => !correcting || kept.basedOn === correcting.version,
  );
  const { update, clear } = stored;
  // At a registered house the address and the housing are the house's, whatever an older draft says.
  const draft: Draft = house ? { ...stored.draft, address: houseAddress(house), housing: 'rented', landlordPhone: undefined } : stored.draft;
  // A declaration at a registered house (new, or returned by the officer) names its house, not a landlord's phone.
  const houseCode = house?.id ?? correcting?.houseId;

  const requested = search.get('step');
  const step: Step = (STEPS as readonly string[]).includes(requested ?? '') ? (requested as Step) : 'address';
  const fromCheck = search.get('from') === 'check';
  const base = correcting ? `/residence/${correcting.id}/correct` : '/residence/declare';
  const url = (next: Step, from?: 'check') => {
    const query = new URLSearchParams();
    if (changeOf) query.set('changeOf', changeOf);
    if (house) query.set('house', house.id);
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
  const firstOpen = !addressDone(draft) ? 'address' : !detailsDone(draft, houseCode) ? 'details' : undefined;
  const stepIndex = STEPS.indexOf(step);
  const { blocked, heading } = useSteps(STEPS, step, firstOpen, url);
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
      <StepHeading index={stepIndex} total={STEPS.length} title={titles[step]} headingRef={heading} />
      {step === 'address' &&
        (house ? (
          <HouseAddressStep house={house} onNext={() => advance('details')} />
        ) : (
          <DeclareAddressStep draft={draft} update={update} offerHouseCode={!correcting} onNext={() => advance('details')} />
        ))}
      {step === 'details' && (
        <DetailsStep
          draft={draft}
          update={update}
          preview={previewState}
          retryPreview={preview.retry}
          change={change}
          atHouse={Boolean(houseCode)}
          onNext={() => advance('proof')}
        />
      )}
      {step === 'proof' && <ProofStep draft={draft} update={update} preview={previewState} retryPreview={preview.retry} onNext={() => go('check')} />}
      {step === 'check' && (
        <CheckStep
          draft={draft}
          preview={previewState}
          change={change}
          house={house}
          atHouse={Boolean(houseCode)}
          changeLink={(target) => url(target, 'check')}
          submit={async (idempotencyKey) => {
            const input = inputFrom(draft, changeOf, houseCode);
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

const addressDone = (draft: Draft) => streetAddressDone(draft.address);

const detailsDone = (draft: Draft, houseCode: string | undefined) => {
  const input = inputFrom(draft, undefined, houseCode);
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

function DeclareAddressStep({ draft, update, offerHouseCode, onNext }: { draft: Draft; update: Update; offerHouseCode: boolean; onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <AddressStep
      idPrefix="declare"
      address={draft.address}
      onChange={(address) => update({ address })}
      labels={{
        street: t('residence:declare.street'),
        streetRequired: t('residence:declare.streetRequired'),
        detail: t('residence:declare.detail'),
        detailPlaceholder: t('residence:declare.detailPlaceholder'),
      }}
      onNext={onNext}
    >
      <p className="rs-lead">{t('residence:declare.addressLead')}</p>
      {offerHouseCode && (
        <p className="rs-banner">
          {t('residence:house.hasCode')} <Link to="/house">{t('residence:house.enterCode')}</Link>
        </p>
      )}
    </AddressStep>
  );
}

/** The deadline for this street and date as soon as both are known, with the station that will review it. */
function PreviewPanel({ preview, retry, change }: { preview: Preview; retry: () => void; change: boolean }) {
  const { t } = useTranslation();
  if (!preview) return null;
  return (
    <InlineLoad state={preview} loading={t('residence:declare.previewLoading')} retry={retry}>
      {(answer) => (
        <div className="rs-preview">
          <DeadlineNotice deadline={answer.deadline} kind={change ? 'change' : 'registration'} tense="preview" />
          <p className="rs-field-note">
            {answer.station
              ? t('residence:declare.station', { station: isolate(answer.station.name) })
              : t('residence:declare.noStation')}
          </p>
        </div>
      )}
    </InlineLoad>
  );
}

/** The address step at a registered house: the house's address, shown and not asked for. */
function HouseAddressStep({ house, onNext }: { house: HouseForTenant; onNext: () => void }) {
  const { t } = useTranslation();
  const address = houseAddress(house);
  return (
    <StepForm onSubmit={onNext}>
      <p className="rs-lead">{t('residence:house.addressLead')}</p>
      <section className="rs-card">
        <ReadOnlyField label={t('residence:detail.address')}>
          <AddressText path={address.path} detail={address.detail} />
        </ReadOnlyField>
        <ReadOnlyField label={t('residence:house.code')}>
          <bdi dir="ltr" className="rs-reference">
            {printedHouseCode(house.id)}
          </bdi>
        </ReadOnlyField>
        <ReadOnlyField label={t('residence:house.landlord')}>
          <bdi>{house.landlordMasked}</bdi>
        </ReadOnlyField>
        <p className="rs-field-note">{t('residence:house.locked')}</p>
      </section>
      <StepActions onNext={onNext} />
    </StepForm>
  );
}

type DetailsField = 'moveInDate' | 'intendedStay' | 'reason' | 'reasonDetail' | 'housing' | 'landlordPhone';

function DetailsStep(props: {
  draft: Draft;
  update: Update;
  preview: Preview;
  retryPreview: () => void;
  change: boolean;
  /** At a registered house: rented, and the landlord is known (no phone to ask for). */
  atHouse: boolean;
  onNext: () => void;
}) {
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
      ...stayErrors(draft, t),
      housing: draft.housing ? undefined : t('residence:declare.choiceRequired'),
      landlordPhone: draft.housing === 'rented' && !props.atHouse ? checkField(t, Phone, 'landlordPhone', draft.landlordPhone ?? '') : undefined,
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
      <StayFields idPrefix="declare" stay={draft} onChange={update} errors={errors} />
      {props.atHouse ? (
        <section className="rs-card">
          <ReadOnlyField label={t('residence:declare.housing')}>{codeLabel(t, 'housing', 'rented')}</ReadOnlyField>
          <p className="rs-field-note">{t('residence:house.landlordConfirms')}</p>
        </section>
      ) : (
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
      )}
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
  house: HouseForTenant | undefined;
  atHouse: boolean;
  changeLink: (step: Step) => string;
  submit: (idempotencyKey: string) => Promise<void>;
  resubmit: boolean;
}

function CheckStep({ draft, preview, change, house, atHouse, changeLink, submit, resubmit }: CheckStepProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
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
        {house && (
          <Row label={t('residence:house.landlord')}>
            <bdi>{house.landlordMasked}</bdi>
          </Row>
        )}
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
        {draft.housing === 'rented' && !atHouse && (
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
      <SubmitPanel
        submit={submit}
        label={resubmit ? t('residence:declare.resubmit') : t('residence:declare.submit')}
        sendingLabel={t('residence:declare.submitting')}
      />
    </div>
  );
}

import { useRef, useState } from 'react';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { getPermit, getPermitApplication, resubmitPermitApplication, type PermitApplication } from '#shared/api/permit';
import { canResubmit } from '#shared/permit/lifecycle';
import type { PolicyDocument } from '#shared/policy/vocabulary';
import { ApiError, messageOf } from '../../api/errors.ts';
import { useLoadState } from '../../app/load.ts';
import { useServices } from '../../app/services.ts';
import { useLanguage } from '../../i18n/language.ts';
import { useDraft } from '../residence/declare/draft.ts';
import { StepForm } from '../residence/declare/steps.tsx';
import { EmptyState, LoadError, LoadingBlock } from '../residence/states.tsx';
import { ValidityChoice } from './ApplyPage.tsx';
import { CorrectionList } from './ApplicationPage.tsx';
import { PhotoField, ProofFields } from './DocumentFields.tsx';
import { LinkButton } from './parts.tsx';
import { documentKindAt, documentsOf, proofKindsOf, validityYearsOf, type ApplyDraft, type UploadedFile } from './rules.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The files already attached, as the form starts from them (only those the API can take back by id). */
function draftFrom(application: PermitApplication): ApplyDraft & { basedOn: number } {
  const file = (kind: string): UploadedFile | undefined => {
    const document = application.documents.find((candidate) => candidate.kind === kind);
    return document && UUID.test(document.id)
      ? { uploadId: document.id, fileName: document.fileName, size: document.size, contentType: document.contentType }
      : undefined;
  };
  const proofs: Partial<Record<PolicyDocument, UploadedFile>> = {};
  for (const document of application.documents) {
    const attached = document.kind === 'photo' ? undefined : file(document.kind);
    if (attached) proofs[document.kind] = attached;
  }
  return { holder: application.holder, validityYears: application.validityYears, photo: file('photo'), proofs, basedOn: application.version };
}

/** 补正: correct a returned application — a new photo, other proofs, another validity — and submit it again. */
export default function CorrectPage() {
  const { t } = useTranslation();
  const { call } = useServices();
  const { language } = useLanguage();
  const { id = '' } = useParams();
  const { state, retry } = useLoadState(
    (signal) => Promise.all([call(getPermitApplication, { params: { id }, signal }), call(getPermit, { signal })]),
    `${id}|${language}`,
  );
  if (state.status === 'loading') return <LoadingBlock lines={6} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  const [application, overview] = state.value;
  if (!canResubmit(application.status)) {
    return (
      <div className="rs-page">
        <EmptyState title={t('permit:correct.notReturned')}>
          <LinkButton to={`/permit/applications/${application.id}`} primary>
            {t('permit:applied.view')}
          </LinkButton>
        </EmptyState>
      </div>
    );
  }
  const documents = overview.terms?.documents ?? [];
  const proofKinds = [...new Set([...proofKindsOf(documents), ...proofKindsOf(application.documents.map((document) => document.kind))])];
  const years = application.kind === 'replacement' ? [] : validityYearsOf(overview.terms?.validityChoices ?? []);
  return <CorrectForm application={application} proofKinds={proofKinds} years={years} photoRequired={application.kind !== 'renewal' && documents.includes('photo')} />;
}

type Field = 'photo' | 'validityYears' | PolicyDocument;

function CorrectForm(props: { application: PermitApplication; proofKinds: PolicyDocument[]; years: number[]; photoRequired: boolean }) {
  const { application: a, proofKinds, years, photoRequired } = props;
  const { t } = useTranslation();
  const { call } = useServices();
  const navigate = useNavigate();
  const { draft, update, clear } = useDraft<ApplyDraft & { basedOn?: number }>(
    `permit-correct:${a.id}`,
    () => draftFrom(a),
    (stored) => stored.basedOn === a.version,
  );
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const corrections = a.corrections ?? [];

  async function send() {
    if (sendingRef.current) return;
    if (photoRequired && !draft.photo) {
      setErrors({ photo: t('permit:apply.photoRequired') });
      return;
    }
    sendingRef.current = true;
    setSending(true);
    setErrors({});
    const documents = documentsOf(draft, proofKinds);
    try {
      await call(resubmitPermitApplication, {
        params: { id: a.id },
        body: { ...(years.length > 1 && draft.validityYears !== undefined ? { validityYears: draft.validityYears } : {}), documents, version: a.version },
      });
      clear();
      navigate(`/permit/applied/${a.id}?resubmitted=1`, { replace: true });
    } catch (error) {
      const found: Partial<Record<Field | 'form', string>> = {};
      for (const field of error instanceof ApiError ? error.fields : []) {
        const kind = documentKindAt(field.path, documents);
        if (kind) found[kind] = field.message;
        else if (field.path === 'validityYears') found.validityYears = field.message;
      }
      if (Object.keys(found).length === 0) found.form = messageOf(error, t);
      setErrors(found);
      sendingRef.current = false;
      setSending(false);
    }
  }

  const { photo: photoError, validityYears: validityError, form: formError, ...proofErrors } = errors;
  return (
    <StepForm onSubmit={() => void send()}>
      <div className="rs-page rs-flow pm-flow" data-testid="permit-correct-form">
        <section className="rs-banner rs-banner-warning" aria-labelledby="pm-correct-title">
          <h2 id="pm-correct-title" className="rs-banner-title">
            {t('permit:application.returnedTitle')}
          </h2>
          <CorrectionList
            items={corrections}
            note={[...a.history].reverse().find((entry) => entry.event === 'returned')?.note}
          />
          {corrections.includes('residenceNotRegistered') && (
            <LinkButton to="/residence/declare">{t('permit:eligibility.declare')}</LinkButton>
          )}
          {corrections.includes('identityMismatch') && <LinkButton to="/me/profile">{t('permit:correct.toProfile')}</LinkButton>}
        </section>
        <p className="rs-lead">{t('permit:correct.lead')}</p>
        {years.length > 1 && (
          <section className="rs-card">
            <ValidityChoice years={years} value={draft.validityYears} onChange={(validityYears) => update({ validityYears })} error={validityError} />
          </section>
        )}
        {(photoRequired || draft.photo) && (
          <section className="rs-card">
            <PhotoField value={draft.photo} onChange={(photo) => update({ photo })} required={photoRequired} error={photoError} />
          </section>
        )}
        <ProofFields
          kinds={proofKinds}
          values={draft.proofs ?? {}}
          errors={proofErrors as Partial<Record<PolicyDocument, string>>}
          onChange={(kind, file) => update((current) => ({ proofs: { ...current.proofs, [kind]: file } }))}
        />
        {formError && (
          <div className="form-alert" role="alert">
            {formError}
          </div>
        )}
        <div className="rs-actions">
          <Button color="primary" size="large" block type="submit" loading={sending} loadingText={t('residence:declare.submitting')} data-testid="permit-resubmit">
            {t('permit:correct.submit')}
          </Button>
        </div>
      </div>
    </StepForm>
  );
}

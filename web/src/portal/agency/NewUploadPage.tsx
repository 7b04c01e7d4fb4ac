import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, ProgressBar } from 'antd-mobile';
import { FileOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ORGANISATION_TYPES, type OrganisationType } from '#shared/agency/organisation';
import { createUpload, getTemplate } from '#shared/api/agency';
import { fillPath } from '#shared/api/route';
import { ApiError, messageOf } from '../../api/errors.ts';
import { putFile } from '../../api/files.ts';
import { useServices } from '../../app/services.ts';
import { useSession } from '../../auth/session.tsx';
import { isolateLtr } from '../../i18n/bidi.ts';
import { Section } from '../residence/parts.tsx';
import { FormAlert } from '../residence/states.tsx';
import { formatSize } from '../residence/words.ts';
import { DownloadButton, DownloadOutcome, useDownload } from './useDownload.tsx';
import { fileProblem, organisationType, orgTypeLabel, SHEET_ACCEPT, UPLOAD_LIMITS, uploadFileName } from './words.ts';

type Sending = { status: 'idle' } | { status: 'sending'; progress: number } | { status: 'failed'; message: string };

/**
 * 新建上传: the template of a kind of organisation (the user's own by default), then the filled-in
 * file: created as an upload, PUT to the blob store, and the upload's page opens to follow its check.
 */
export default function NewUploadPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const ownType = organisationType(me.status === 'ready' ? me.me.org?.type : undefined);
  return (
    <div className="rs-page">
      <TemplateSection initialType={ownType ?? 'employer'} />
      <FileSection />
      <p className="rs-field-note ag-note">{t('agency:newUpload.checkNote')}</p>
    </div>
  );
}

function TemplateSection({ initialType }: { initialType: OrganisationType }) {
  const { t } = useTranslation();
  const [type, setType] = useState<OrganisationType>(initialType);
  const { download, start, reset } = useDownload();

  return (
    <Section title={t('agency:newUpload.templateTitle')}>
      <p className="rs-lead">{t('agency:newUpload.templateLead')}</p>
      <div className="field">
        <label className="field-label" htmlFor="agency-template-type">
          {t('agency:newUpload.templateType')}
        </label>
        <div className="field-control">
          <select
            id="agency-template-type"
            className="field-input ag-select"
            value={type}
            onChange={(event) => {
              setType(event.target.value as OrganisationType);
              reset();
            }}
          >
            {ORGANISATION_TYPES.map((value) => (
              <option key={value} value={value}>
                {orgTypeLabel(t, value)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <DownloadButton download={download} onClick={() => void start(fillPath(getTemplate.path, { type }), `${type}-template.xlsx`)}>
        {t('agency:newUpload.download')}
      </DownloadButton>
      <DownloadOutcome download={download} testId="template-link">
        {(fileName) => t('agency:newUpload.saveLink', { file: isolateLtr(fileName) })}
      </DownloadOutcome>
    </Section>
  );
}

function FileSection() {
  const { t } = useTranslation();
  const { call } = useServices();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<string>();
  const [sending, setSending] = useState<Sending>({ status: 'idle' });
  const maxSize = formatSize(UPLOAD_LIMITS.maxBytes, t);

  function choose(chosen: File) {
    setSending({ status: 'idle' });
    const found = fileProblem(chosen);
    if (found) {
      setFile(undefined);
      setProblem(
        found === 'wrongType'
          ? t('agency:newUpload.wrongType')
          : found === 'empty'
            ? t('agency:newUpload.empty')
            : t('agency:newUpload.tooLarge', { max: maxSize }),
      );
      return;
    }
    setProblem(undefined);
    setFile(chosen);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setProblem(t('agency:newUpload.required'));
      document.getElementById('agency-file-choose')?.focus();
      return;
    }
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setSending({ status: 'sending', progress: 0 });
    let stage: 'create' | 'put' = 'create';
    try {
      const ticket = await call(createUpload, { body: { fileName: uploadFileName(file.name), size: file.size }, signal: current.signal });
      stage = 'put';
      await putFile(ticket.put.url, ticket.put.headers, file, (progress) => setSending({ status: 'sending', progress }), current.signal);
      navigate(`/agency/uploads/${ticket.upload.id}`, { replace: true });
    } catch (error) {
      if (current.signal.aborted) return;
      // The API's refusal names the field (the name, the size) in words; a failed PUT is the network's.
      const message =
        stage === 'create' && error instanceof ApiError
          ? (error.fieldMessage('fileName') ?? error.fieldMessage('size') ?? messageOf(error, t))
          : t('agency:newUpload.failed');
      setSending({ status: 'failed', message });
    }
  }

  const busy = sending.status === 'sending';
  const percent = sending.status === 'sending' ? Math.round(sending.progress * 100) : 0;
  return (
    <form className="rs-card" aria-labelledby="ag-file-title" noValidate onSubmit={(event) => void submit(event)}>
      <h2 id="ag-file-title" className="rs-card-title">
        {t('agency:newUpload.fileTitle')}
      </h2>
      <div className={problem ? 'field field-invalid' : 'field'}>
        <p className="field-label" id="agency-file-label">
          {t('agency:newUpload.fileLabel')}
        </p>
        <p className="rs-field-note" id="agency-file-hint">
          {t('agency:newUpload.fileHint', { max: maxSize, rows: UPLOAD_LIMITS.maxRows.toLocaleString('en') })}
        </p>
        {file && (
          <div className="rs-upload-file" data-testid="agency-file-chosen">
            <FileOutline aria-hidden="true" />
            <span className="rs-upload-name">
              <bdi>{file.name}</bdi>
              <span className="rs-upload-size">{formatSize(file.size, t)}</span>
              {busy && (
                <>
                  <span className="rs-upload-size" role="status" aria-live="polite">
                    {t('agency:newUpload.uploading', { percent: String(percent) })}
                  </span>
                  <ProgressBar percent={percent} />
                </>
              )}
            </span>
          </div>
        )}
        <input
          ref={input}
          id="agency-file"
          type="file"
          className="visually-hidden"
          accept={SHEET_ACCEPT}
          aria-labelledby="agency-file-label"
          aria-describedby={problem ? 'agency-file-hint agency-file-message' : 'agency-file-hint'}
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            event.target.value = '';
            if (chosen) choose(chosen);
          }}
        />
        <div className="rs-upload-actions">
          <Button id="agency-file-choose" color="primary" fill="outline" size="large" block disabled={busy} onClick={() => input.current?.click()}>
            {file ? t('agency:newUpload.replace') : t('agency:newUpload.choose')}
          </Button>
        </div>
        {problem && (
          <p id="agency-file-message" className="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <FormAlert message={sending.status === 'failed' ? sending.message : undefined} />
      <div className="rs-actions">
        <Button type="submit" color="primary" size="large" block loading={busy}>
          {t('agency:newUpload.submit')}
        </Button>
      </div>
    </form>
  );
}

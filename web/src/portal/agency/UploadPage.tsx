import { useState } from 'react';
import { Button, Dialog, Toast } from 'antd-mobile';
import { CheckCircleFill, CloseCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { commitUpload, getUploadErrors, type UploadView } from '#shared/api/agency';
import { fillPath } from '#shared/api/route';
import { ApiError, messageOf } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { useLanguage } from '../../i18n/language.ts';
import { Row } from '../residence/declare/steps.tsx';
import { Reference, Section } from '../residence/parts.tsx';
import { EmptyState, LoadError, LoadingBlock } from '../residence/states.tsx';
import { formatMoment } from '../residence/words.ts';
import { UploadCounts, UploadProgress, UploadStatusTag } from './parts.tsx';
import { DownloadButton, DownloadOutcome, useDownload } from './useDownload.tsx';
import { useUpload } from './useUpload.ts';
import { rowErrorText, rowsToWrite } from './words.ts';

/** An upload's page: its progress, the check's result and the commit, then what was written. */
export default function UploadPage() {
  const { id = '' } = useParams();
  // A fresh page for each upload: nothing of one is ever shown under another's reference.
  return <UploadScreen key={id} id={id} />;
}

function UploadScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { state, replace, retry } = useUpload(id);

  if (state.status === 'loading') return <LoadingBlock lines={6} />;
  if (state.status === 'failed') {
    // Another organisation's upload is not found either: the API tells no one what others uploaded.
    if (state.error instanceof ApiError && (state.error.status === 404 || state.error.code === 'validation_failed')) {
      return (
        <div className="rs-page">
          <EmptyState title={t('agency:upload.notFound')}>
            <Link className="adm-button adm-button-default adm-button-large rs-link-button" to="/agency">
              {t('agency:upload.toList')}
            </Link>
          </EmptyState>
        </div>
      );
    }
    return <LoadError error={state.error} retry={retry} />;
  }
  const { upload, stale } = state;

  return (
    <div className="rs-page">
      <UploadHead upload={upload} />
      {stale && (
        <p className="rs-field-note" role="status">
          {t('agency:upload.pollFailed')}
        </p>
      )}
      {upload.status === 'awaitingFile' && <Waiting />}
      {(upload.status === 'checking' || upload.status === 'committing') && <Working upload={upload} />}
      {upload.status === 'checked' && <Checked upload={upload} onCommitted={replace} />}
      {upload.status === 'committed' && <Committed upload={upload} />}
      {upload.status === 'failed' && <Failed upload={upload} />}
    </div>
  );
}

/** The file, its status and reference, who uploaded it and when. */
function UploadHead({ upload }: { upload: UploadView }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <section className="rs-card" aria-labelledby="ag-upload-file">
      <div className="rs-item-head">
        <UploadStatusTag status={upload.status} />
      </div>
      <h2 id="ag-upload-file" className="rs-card-title ag-file-name">
        <bdi>{upload.fileName}</bdi>
      </h2>
      <dl className="rs-facts">
        <Row label={t('agency:upload.reference')}>
          <Reference id={upload.id} />
        </Row>
        <Row label={t('agency:upload.createdAt')}>{formatMoment(upload.createdAt, language, t)}</Row>
        <Row label={t('agency:upload.createdBy')}>
          <bdi>{upload.createdBy}</bdi>
        </Row>
        {upload.format && (
          <Row label={t('agency:upload.format')}>
            <bdi dir="ltr">{upload.encoding ? `${upload.format.toUpperCase()} · ${upload.encoding}` : upload.format.toUpperCase()}</bdi>
          </Row>
        )}
      </dl>
    </section>
  );
}

function Waiting() {
  const { t } = useTranslation();
  return (
    <section className="rs-card" aria-live="polite">
      <p className="ag-working-title" role="status">
        {t('agency:upload.waitingFile')}
      </p>
      <p className="rs-field-note">{t('agency:upload.waitingNote')}</p>
      <Link className="rs-text-link" to="/agency/uploads/new">
        {t('agency:upload.another')}
      </Link>
    </section>
  );
}

function Working({ upload }: { upload: UploadView }) {
  const { t } = useTranslation();
  return (
    <section className="rs-card" aria-labelledby="ag-working-title">
      <h2 id="ag-working-title" className="ag-working-title">
        {upload.status === 'committing' ? t('agency:upload.committing') : t('agency:upload.checking')}
      </h2>
      <UploadProgress upload={upload} />
      <p className="rs-field-note">{t('agency:upload.leaveNote')}</p>
    </section>
  );
}

/** The dry run's result: the counts, the first errors, the error file, and the commit. */
function Checked({ upload, onCommitted }: { upload: UploadView; onCommitted: (upload: UploadView) => void }) {
  const { t } = useTranslation();
  const { call } = useServices();
  const [committing, setCommitting] = useState(false);
  const writes = rowsToWrite(upload.counts);

  async function commit() {
    const yes = await Dialog.confirm({
      title: t('agency:upload.commitTitle'),
      content: t('agency:upload.commitContent', { n: writes.toLocaleString('en') }),
      confirmText: t('agency:upload.commit'),
      cancelText: t('agency:upload.cancel'),
    });
    if (!yes) return;
    setCommitting(true);
    try {
      onCommitted(await call(commitUpload, { params: { id: upload.id } }));
    } catch (error) {
      Toast.show({ icon: 'fail', content: messageOf(error, t), duration: 4000 });
      setCommitting(false);
    }
  }

  return (
    <>
      <Section title={t('agency:upload.checkedTitle')}>
        <p className="rs-lead">{t('agency:upload.checkedLead')}</p>
        <UploadCounts counts={upload.counts} keys={['valid', 'invalid', 'duplicates', 'alreadyReported', 'late']} />
      </Section>
      {upload.counts.invalid > 0 && <RowErrors upload={upload} />}
      <div className="rs-actions">
        {writes > 0 ? (
          <Button color="primary" size="large" block loading={committing} onClick={() => void commit()}>
            {t('agency:upload.commit')}
          </Button>
        ) : (
          <>
            <p className="rs-banner rs-banner-warning">{t('agency:upload.nothingToWrite')}</p>
            <UploadAgain />
          </>
        )}
      </div>
    </>
  );
}

/** The first problems, each with its row and column, and the file of every failed row. */
function RowErrors({ upload }: { upload: UploadView }) {
  const { t } = useTranslation();
  return (
    <Section title={t('agency:upload.errorsTitle')}>
      {upload.firstErrors.length > 0 && (
        <>
          <p className="rs-field-note">
            {t('agency:upload.errorsShown', { shown: String(upload.firstErrors.length), rows: upload.counts.invalid.toLocaleString('en') })}
          </p>
          <ul className="ag-errors" aria-label={t('agency:upload.errorsLabel')} data-testid="upload-errors">
            {upload.firstErrors.map((error, index) => (
              <li key={`${error.row}-${error.field}-${index}`} className="ag-error">
                <span className="ag-error-row">{t('agency:upload.errorRow', { row: String(error.row) })}</span>
                <span className="ag-error-text">{rowErrorText(t, error)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorFile upload={upload} />
    </Section>
  );
}

/** 下载错误行: only the failed rows, with the reasons in a last column, ready to fix and upload again. */
function ErrorFile({ upload }: { upload: UploadView }) {
  const { t } = useTranslation();
  const { download, start } = useDownload();
  return (
    <div className="ag-error-file">
      <p className="rs-field-note">{t('agency:upload.errorsNote')}</p>
      <DownloadButton download={download} onClick={() => void start(fillPath(getUploadErrors.path, { id: upload.id }), `${upload.id}-errors.xlsx`)}>
        {t('agency:upload.downloadErrors')}
      </DownloadButton>
      <DownloadOutcome download={download} testId="errors-link">
        {(fileName) => <bdi dir="ltr">{fileName}</bdi>}
      </DownloadOutcome>
    </div>
  );
}

function UploadAgain() {
  const { t } = useTranslation();
  return (
    <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to="/agency/uploads/new">
      {t('agency:upload.reupload')}
    </Link>
  );
}

/** What the commit wrote and skipped, the failed rows to fix, and where to go next. */
function Committed({ upload }: { upload: UploadView }) {
  const { t } = useTranslation();
  const skipped = Math.max(0, upload.counts.rows - upload.counts.written);
  return (
    <>
      <section className="rs-done" aria-labelledby="ag-done-title">
        <CheckCircleFill className="rs-done-icon" aria-hidden="true" />
        <h2 id="ag-done-title" className="rs-done-title">
          {t('agency:upload.committedTitle')}
        </h2>
        <p className="ag-done-lead" data-testid="upload-written">
          {t('agency:upload.committedLead', { n: upload.counts.written.toLocaleString('en') })}
        </p>
        {skipped > 0 && <p className="rs-field-note">{t('agency:upload.skipped', { n: skipped.toLocaleString('en') })}</p>}
      </section>
      <section className="rs-card" aria-label={t('agency:upload.countsLabel')}>
        <UploadCounts counts={upload.counts} keys={['written', 'invalid', 'duplicates', 'alreadyReported', 'late']} />
      </section>
      {upload.counts.invalid > 0 && <RowErrors upload={upload} />}
      <div className="rs-actions">
        {upload.counts.invalid > 0 && <UploadAgain />}
        <Link className="adm-button adm-button-default adm-button-large adm-button-block rs-link-button" to="/agency/people">
          {t('agency:upload.toPeople')}
        </Link>
        <Link className="adm-button adm-button-default adm-button-large adm-button-block rs-link-button" to="/agency">
          {t('agency:upload.toList')}
        </Link>
      </div>
    </>
  );
}

function Failed({ upload }: { upload: UploadView }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="rs-card ag-failed" role="alert" aria-labelledby="ag-failed-title">
        <h2 id="ag-failed-title" className="rs-card-title">
          <CloseCircleFill className="ag-failed-icon" aria-hidden="true" /> {t('agency:upload.failedTitle')}
        </h2>
        {upload.failure && <p className="ag-failure">{upload.failure.message}</p>}
      </section>
      <div className="rs-actions">
        <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to="/agency/uploads/new">
          {t('agency:upload.another')}
        </Link>
      </div>
    </>
  );
}

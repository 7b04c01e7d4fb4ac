import { useEffect, useRef, useState } from 'react';
import { Button, ProgressBar } from 'antd-mobile';
import { CheckCircleFill, FileOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { createUpload, UPLOAD_LIMITS, type UploadPurpose, type UploadRequest } from '#shared/api/residence';
import { ApiError, messageOf } from '../../../api/errors.ts';
import { fileNameEnd, putFile } from '../../../api/files.ts';
import { useServices } from '../../../app/services.ts';
import { formatSize } from '../words.ts';
import type { ProofFile } from './draft.ts';

type Request = z.input<typeof UploadRequest>;

const BY_EXTENSION: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };

/** The file chooser's filter: the types and their extensions (some phones filter by extension only). */
const acceptOf = (contentTypes: readonly string[]) =>
  [...contentTypes, ...Object.keys(BY_EXTENSION).filter((extension) => contentTypes.includes(BY_EXTENSION[extension]!)).map((e) => `.${e}`)].join(',');

/** The file's type as the browser reports it, or from its name when the browser reports none. */
function contentTypeOf(file: File): string {
  if (file.type) return file.type;
  return BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? '';
}

type UploadState = { status: 'idle' } | { status: 'uploading'; fileName: string; progress: number } | { status: 'failed'; message: string };

/** Texts where a field differs from the residence proof's (a permit photo takes images only). */
export interface UploadTexts {
  label: string;
  hint: string;
  wrongType: string;
  choose: string;
  replace: string;
}

interface ProofUploadProps {
  value: ProofFile | undefined;
  onChange: (file: ProofFile | undefined) => void;
  required: boolean;
  error?: string | undefined;
  /** The start of the field's element ids (`proof` → `proof-file`), unique on the page. */
  id?: string;
  purpose?: UploadPurpose;
  /** The types the field takes; by default a residence proof's images and PDF. */
  contentTypes?: readonly string[];
  texts?: Partial<UploadTexts>;
  /** Also offer the camera ('user': the front one, for a portrait). */
  capture?: 'user' | 'environment';
}

/** 住所证明: a photo or PDF of a lease, deed or the like, checked here before it is sent. Also any other document by `purpose`. */
export function ProofUpload(props: ProofUploadProps) {
  const { value, onChange, required, error, id = 'proof', purpose = 'residenceProof', capture } = props;
  const contentTypes = props.contentTypes ?? UPLOAD_LIMITS.contentTypes;
  const { t } = useTranslation();
  const { call } = useServices();
  const [state, setState] = useState<UploadState>({ status: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const maxSize = formatSize(UPLOAD_LIMITS.maxBytes, t);
  const texts: UploadTexts = {
    label: t('residence:upload.label'),
    hint: t('residence:upload.hint', { max: maxSize }),
    wrongType: t('residence:upload.wrongType'),
    choose: t('residence:upload.choose'),
    replace: t('residence:upload.replace'),
    ...props.texts,
  };

  async function upload(file: File) {
    const contentType = contentTypeOf(file);
    if (!contentTypes.includes(contentType)) {
      setState({ status: 'failed', message: texts.wrongType });
      return;
    }
    if (file.size === 0) {
      setState({ status: 'failed', message: t('residence:upload.empty') });
      return;
    }
    if (file.size > UPLOAD_LIMITS.maxBytes) {
      setState({ status: 'failed', message: t('residence:upload.tooLarge', { max: maxSize }) });
      return;
    }
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState({ status: 'uploading', fileName: file.name, progress: 0 });
    try {
      const ticket = await call(createUpload, {
        body: { purpose, fileName: fileNameEnd(file.name, 120), contentType: contentType as Request['contentType'], size: file.size },
        signal: current.signal,
      });
      await putFile(
        ticket.url,
        ticket.headers,
        file,
        (progress) => setState({ status: 'uploading', fileName: file.name, progress }),
        current.signal,
      );
      onChange({ uploadId: ticket.uploadId, fileName: file.name, size: file.size, contentType });
      setState({ status: 'idle' });
    } catch (failure) {
      if (current.signal.aborted) return;
      // A file name the API refuses (hidden characters in it) is told as such: the person can rename the file.
      const fileNameProblem = failure instanceof ApiError ? failure.fieldMessage('fileName') : undefined;
      setState({
        status: 'failed',
        message: fileNameProblem ?? (failure instanceof Error && failure.name === 'ApiError' ? messageOf(failure, t) : t('residence:upload.failed')),
      });
    }
  }

  const message = state.status === 'failed' ? state.message : error;
  return (
    <div className={message ? 'field field-invalid rs-upload' : 'field rs-upload'}>
      <p className="field-label" id={`${id}-label`}>
        {texts.label} {required ? '' : <span className="rs-optional">{t('residence:form.optional')}</span>}
      </p>
      <p className="rs-field-note" id={`${id}-hint`}>
        {texts.hint}
      </p>
      {value && state.status !== 'uploading' && (
        <div className="rs-upload-file" role="status">
          <CheckCircleFill className="rs-upload-done" aria-hidden="true" />
          <span className="rs-upload-name">
            <bdi>{value.fileName}</bdi>
            <span className="rs-upload-size">
              {t('residence:upload.uploaded')} · {formatSize(value.size, t)}
            </span>
          </span>
        </div>
      )}
      {state.status === 'uploading' && (
        <div className="rs-upload-file" role="status" aria-live="polite">
          <FileOutline aria-hidden="true" />
          <span className="rs-upload-name">
            <bdi>{state.fileName}</bdi>
            <span className="rs-upload-size">{t('residence:upload.progress', { percent: Math.round(state.progress * 100) })}</span>
            <ProgressBar percent={Math.round(state.progress * 100)} />
          </span>
        </div>
      )}
      {[input, ...(capture ? [camera] : [])].map((ref) => (
        <input
          key={ref === camera ? 'camera' : 'file'}
          ref={ref}
          id={ref === camera ? `${id}-camera` : `${id}-file`}
          type="file"
          className="visually-hidden"
          accept={acceptOf(contentTypes)}
          capture={ref === camera ? capture : undefined}
          aria-labelledby={`${id}-label`}
          aria-describedby={message ? `${id}-hint ${id}-message` : `${id}-hint`}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void upload(file);
          }}
        />
      ))}
      <div className="rs-upload-actions">
        {capture && (
          <Button
            color="primary"
            fill={value ? 'outline' : 'solid'}
            size="large"
            block
            disabled={state.status === 'uploading'}
            onClick={() => camera.current?.click()}
          >
            {t('residence:upload.camera')}
          </Button>
        )}
        <Button
          color="primary"
          fill={value || capture ? 'outline' : 'solid'}
          size="large"
          block
          disabled={state.status === 'uploading'}
          onClick={() => input.current?.click()}
        >
          {value ? texts.replace : texts.choose}
        </Button>
        {value && !required && state.status !== 'uploading' && (
          <Button fill="none" size="large" block onClick={() => onChange(undefined)}>
            {t('residence:upload.remove')}
          </Button>
        )}
      </div>
      {message && (
        <p id={`${id}-message`} className="field-error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}

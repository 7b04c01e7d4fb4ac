/** The pieces every step-by-step form is made of: a step's form, its buttons, and the check-answers sections. */
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Button, ProgressBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, messageOf } from '../../../api/errors.ts';
import { newIdempotencyKey } from '../../../api/idempotency.ts';

/**
 * The guard and focus of a step-by-step form. A later step opened (by a reload or a link) before an
 * earlier one is answered goes to the first one still open (`blocked` while it does, render
 * nothing); each new step scrolls to the top and its heading takes focus, so a screen reader
 * announces it.
 */
export function useSteps<S extends string>(steps: readonly S[], step: S, firstOpen: S | undefined, url: (step: S) => string) {
  const navigate = useNavigate();
  const blocked = firstOpen !== undefined && steps.indexOf(step) > steps.indexOf(firstOpen);
  useEffect(() => {
    if (blocked) navigate(url(firstOpen!), { replace: true });
  });
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else heading.current?.focus();
    window.scrollTo(0, 0);
  }, [step]);
  return { blocked, heading };
}

/** Where the user is: "第 2 步，共 4 步", a bar, and the step's title, which takes focus on a new step. */
export function StepHeading({ index, total, title, headingRef }: { index: number; total: number; title: string; headingRef: RefObject<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="rs-progress">
        <p className="rs-progress-text">{t('residence:declare.stepOf', { step: index + 1, total })}</p>
        <ProgressBar percent={((index + 1) / total) * 100} aria-hidden="true" />
      </div>
      <h2 className="rs-step-title" tabIndex={-1} ref={headingRef}>
        {title}
      </h2>
    </>
  );
}

/** Next (submits the step's form) and back. */
export function StepActions({ onNext, label }: { onNext?: () => void; label?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="rs-actions">
      {onNext && (
        <Button color="primary" size="large" block type="submit">
          {label ?? t('residence:declare.next')}
        </Button>
      )}
      <Button size="large" block fill="none" onClick={() => navigate(-1)}>
        {t('residence:declare.back')}
      </Button>
    </div>
  );
}

/** A step's form: Enter or the next button runs the step's own checks, never a page load. */
export function StepForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** One step's answers on the check page, with the link back to change them. */
export function CheckSection({ title, link, children }: { title: string; link: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="rs-card rs-check" aria-label={title}>
      <div className="rs-check-head">
        <h3 className="rs-card-title">{title}</h3>
        <Link className="rs-change-link" to={link}>
          {t('residence:declare.change')}
          <span className="visually-hidden"> {title}</span>
        </Link>
      </div>
      <dl className="rs-facts">{children}</dl>
    </section>
  );
}

/** A term and its value in a `<dl>`. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * One request at a time: a double tap sends once, and a failure is kept to show and lets the user
 * send again. After a success it stays "sending": the page moves on.
 */
export function useSend<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const sendingRef = useRef(false);
  async function send(...args: A) {
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    setFailure(undefined);
    try {
      await action(...args);
    } catch (error) {
      setFailure(error);
      sendingRef.current = false;
      setSending(false);
    }
  }
  return { sending, failure, send };
}

interface SubmitPanelProps {
  /** Sends the answers; `idempotencyKey` is one per visit of the check page, so a retry cannot submit twice. */
  submit: (idempotencyKey: string) => Promise<void>;
  label: string;
  sendingLabel: string;
  /** Told of a failure (to take field errors back to their fields); the panel shows it either way. */
  onFailure?: (error: unknown) => void;
  /** Words before a field's message in the list (which row of several it is on). */
  fieldPrefix?: (path: string) => string | undefined;
}

/**
 * The check page's submit button: one request at a time (a double tap sends once), and what went
 * wrong above the button, with the server's message for each field it marked.
 */
export function SubmitPanel({ submit, label, sendingLabel, onFailure, fieldPrefix }: SubmitPanelProps) {
  const { t } = useTranslation();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const { sending, failure, send } = useSend(async () => {
    try {
      await submit(idempotencyKey);
    } catch (error) {
      onFailure?.(error);
      throw error;
    }
  });

  const fields = failure instanceof ApiError ? failure.fields : [];
  return (
    <>
      {failure !== undefined && (
        <div className="form-alert" role="alert">
          <p className="rs-alert-title">{messageOf(failure, t)}</p>
          {fields.length > 0 && (
            <ul className="rs-alert-fields">
              {fields.map((field) => (
                <li key={field.path}>
                  {fieldPrefix?.(field.path)}
                  {field.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="rs-actions">
        <Button color="primary" size="large" block loading={sending} loadingText={sendingLabel} onClick={() => void send()}>
          {label}
        </Button>
      </div>
    </>
  );
}

/** The pieces every step-by-step form is made of: a step's form, its buttons, and the check-answers sections. */
import type { ReactNode } from 'react';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

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

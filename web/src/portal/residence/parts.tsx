import { useId, type ReactNode } from 'react';
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { Declaration, DeadlineView, HistoryEntry } from '#shared/api/residence';
import { describeTimeRule } from '#shared/policy/explain';
import type { DeclarationStatus } from '#shared/residence/declaration';
import { isolate, isolateLtr } from '../../i18n/bidi.ts';
import { formatList } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/language.ts';
import { describeArticle } from '../guide/article.ts';
import { placeText } from './DivisionPicker.tsx';
import { codeLabel, formatDay, formatDue, translate } from './words.ts';

const STATUS_COLORS: Record<DeclarationStatus, 'primary' | 'warning' | 'success' | 'default'> = {
  submitted: 'primary',
  returned: 'warning',
  registered: 'success',
  ended: 'default',
};

export function StatusTag({ status }: { status: DeclarationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} fill="outline" className="rs-status">
      {codeLabel(t, 'statuses', status)}
    </Tag>
  );
}

/** A reference number (JD20261122-7KQ3M9): kept left to right and in one piece in any language. */
export function Reference({ id, large }: { id: string; large?: boolean }) {
  return (
    <bdi dir="ltr" className={large ? 'rs-reference rs-reference-large' : 'rs-reference'}>
      {id}
    </bdi>
  );
}

/**
 * A declared address: the division names (Chinese) and what the user typed, isolated as one run that
 * takes its direction from its first letters, so a Chinese address stays in order on a Uyghur page.
 */
export function AddressText({ path, detail }: { path: readonly string[]; detail: string }) {
  return (
    <bdi dir="auto" className="rs-address">
      <span lang="zh-CN">{placeText(path)}</span> {detail}
    </bdi>
  );
}

/** The regulation a deadline comes from: its article in words, and its own (Chinese) text. */
export function CitationDetails({ citation }: { citation: DeadlineView['citation'] }) {
  return <CitationsDetails citations={[citation]} />;
}

/** Several provisions behind one statement (register, then report), under one disclosure. */
export function CitationsDetails({ citations }: { citations: readonly DeadlineView['citation'][] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <details className="rs-citation">
      <summary>{t('residence:deadline.citation')}</summary>
      {citations.map((citation, index) => (
        <div key={index}>
          <p className="rs-citation-ref">
            {t('residence:deadline.reference', {
              source: translate(t)(`policy:sources.${citation.source}`),
              article: isolate(describeArticle(citation.article, language, t)),
            })}
          </p>
          <blockquote className="rs-quote">
            <p lang="zh-CN" dir="ltr">
              「{citation.quote}」
            </p>
          </blockquote>
        </div>
      ))}
    </details>
  );
}

const FILING_COLORS = { onTime: 'success', late: 'danger', early: 'warning' } as const;

interface DeadlineProps {
  deadline: DeadlineView | null;
  /** A first declaration, or reporting a change (moving out, a new address). */
  kind: 'registration' | 'change';
  /** Whether `filing` speaks of a declaration made now (a preview) or one already made. */
  tense: 'preview' | 'made';
}

/**
 * The deadline in words: "居住登记应在到达居住地之日起3个工作日内申报——截止 2026年10月10日", whether the
 * declaration is (or was) on time, the regulation's words, and years counted without holidays.
 */
export function DeadlineNotice({ deadline, kind, tense }: DeadlineProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  if (!deadline) {
    return (
      <div className="rs-deadline" role="status">
        <p className="rs-deadline-rule">{kind === 'change' ? t('residence:deadline.noneChange') : t('residence:deadline.none')}</p>
      </div>
    );
  }
  const values = { rule: describeTimeRule(deadline.rule, translate(t)), date: formatDay(deadline.lastDay, language, t) };
  const filing = {
    onTime: tense === 'preview' ? t('residence:deadline.onTimePreview') : t('residence:deadline.onTime'),
    late: tense === 'preview' ? t('residence:deadline.latePreview') : t('residence:deadline.late'),
    early: tense === 'preview' ? t('residence:deadline.earlyPreview') : t('residence:deadline.early'),
  }[deadline.filing];
  return (
    <div className={`rs-deadline rs-deadline-${deadline.filing}`} role="status">
      <p className="rs-deadline-rule">
        {kind === 'change' ? t('residence:deadline.changeSentence', values) : t('residence:deadline.sentence', values)}
      </p>
      <p className="rs-deadline-filing">
        <Tag color={FILING_COLORS[deadline.filing]} fill="solid">
          {codeLabel(t, 'filing', deadline.filing)}
        </Tag>{' '}
        {filing}
      </p>
      {deadline.rolledFrom && (
        <p className="rs-field-note">{t('residence:deadline.rolled', { date: formatDay(deadline.rolledFrom, language, t) })}</p>
      )}
      {deadline.assumedWeekendsOnly.length > 0 && (
        <p className="rs-field-note">
          {t('residence:deadline.assumedWeekendsOnly', {
            years: formatList(deadline.assumedWeekendsOnly.map((year) => isolateLtr(String(year))), language, t),
          })}
        </p>
      )}
      <CitationDetails citation={deadline.citation} />
    </div>
  );
}

/** Why an officer returned a declaration: the reasons from the list and the officer's own note. */
export function ReasonList({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  return (
    <>
      {entry.reasons && entry.reasons.length > 0 && (
        <ul className="rs-reasons">
          {entry.reasons.map((reason) => (
            <li key={reason}>{codeLabel(t, 'returnReasons', reason)}</li>
          ))}
        </ul>
      )}
      {entry.note && (
        <p className="rs-note">
          {t('residence:declare.officerNote')} <bdi>{entry.note}</bdi>
        </p>
      )}
    </>
  );
}

/** A titled card of a record's page; `level` 3 for a card below a heading of its own page or step. */
export function Section({ title, children, className, level = 2 }: { title: string; children: ReactNode; className?: string; level?: 2 | 3 }) {
  const id = useId();
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <section className={className ? `rs-card ${className}` : 'rs-card'} aria-labelledby={id}>
      <Heading id={id} className="rs-card-title">
        {title}
      </Heading>
      {children}
    </section>
  );
}

/**
 * The landlord's part in a declaration at a registered rental house: asked to confirm (until when),
 * confirmed, declined with their reason, or silent past the deadline (then the officer decides).
 */
export function LandlordConfirmationNotice({ confirmation }: { confirmation: NonNullable<Declaration['landlordConfirmation']> }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const due = formatDue(confirmation.due, language, t);
  let text: string;
  switch (confirmation.state) {
    case 'requested':
      text = t('residence:landlordConfirmation.requested', { date: due });
      break;
    case 'confirmed':
      text = t('residence:landlordConfirmation.confirmed');
      break;
    case 'declined':
      text = t('residence:landlordConfirmation.declined', { reason: isolate(confirmation.reason ?? '') });
      break;
    case 'referred':
      text = t('residence:landlordConfirmation.referred');
      break;
  }
  return (
    <div className={`rs-banner${confirmation.state === 'declined' || confirmation.state === 'referred' ? ' rs-banner-warning' : ''}`} role="status">
      <p className="rs-banner-title">{t('residence:landlordConfirmation.title')}</p>
      <p data-testid="landlord-confirmation">{text}</p>
    </div>
  );
}

import { useId, type ReactNode } from 'react';
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeadlineView } from '#shared/api/residence';
import type { ApplicationStatus, PermitStatus } from '#shared/permit/lifecycle';
import { describeTimeRule } from '#shared/policy/explain';
import { useLanguage } from '../../i18n/language.ts';
import { CitationDetails } from '../residence/parts.tsx';
import { formatDay, translate } from '../residence/words.ts';
import { permitCode } from './words.ts';

type Citation = DeadlineView['citation'];

const APPLICATION_COLORS: Record<ApplicationStatus, 'primary' | 'warning' | 'success' | 'danger'> = {
  submitted: 'primary',
  accepted: 'primary',
  returned: 'warning',
  issued: 'success',
  rejected: 'danger',
};

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={APPLICATION_COLORS[status]} fill="outline" className="rs-status" data-testid="permit-application-status" data-status={status}>
      {permitCode(t, 'applicationStatuses', status)}
    </Tag>
  );
}

const PERMIT_COLORS: Record<PermitStatus, 'success' | 'warning' | 'danger' | 'default'> = {
  valid: 'success',
  suspended: 'warning',
  expired: 'default',
  cancelled: 'danger',
};

/** The permit's status as a solid badge: 有效 in green, 已中止 in orange. */
export function PermitStatusBadge({ status }: { status: PermitStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={PERMIT_COLORS[status]} fill="solid" className="pm-badge" data-testid="permit-status" data-status={status}>
      {permitCode(t, 'permitStatuses', status)}
    </Tag>
  );
}

/** Each regulation an answer rests on, its article in words and its own (Chinese) text. */
export function Citations({ citations }: { citations: readonly Citation[] }) {
  if (citations.length === 0) return null;
  return (
    <div className="pm-citations">
      {citations.map((citation, index) => (
        <CitationDetails key={`${citation.source}-${citation.article}-${index}`} citation={citation} />
      ))}
    </div>
  );
}

/** A legal time limit in words: "by 2026年12月10日 (within 15 days of acceptance)", with its regulation. */
export function DeadlineLine({ deadline, sentence }: { deadline: DeadlineView; sentence: (values: { date: string; rule: string }) => string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <div className="pm-deadline">
      <p className="pm-deadline-text">
        {sentence({ date: formatDay(deadline.lastDay, language, t), rule: describeTimeRule(deadline.rule, translate(t)) })}
      </p>
      <CitationDetails citation={deadline.citation} />
    </div>
  );
}

/** A card with a heading, as the residence pages draw their sections. */
export function Section({ title, children, className, testId }: { title: string; children: ReactNode; className?: string; testId?: string }) {
  const id = useId();
  return (
    <section className={['rs-card', className].filter(Boolean).join(' ')} aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className="rs-card-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A link drawn as antd-mobile's large button: it reads as a link and opens in a new tab like one. */
export function LinkButton({ to, children, primary, testId }: { to: string; children: ReactNode; primary?: boolean; testId?: string }) {
  return (
    <Link
      className={`adm-button ${primary ? 'adm-button-primary' : 'adm-button-default'} adm-button-large adm-button-block rs-link-button`}
      to={to}
      data-testid={testId}
    >
      {children}
    </Link>
  );
}

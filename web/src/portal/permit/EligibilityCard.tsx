import { CheckCircleFill, ClockCircleFill, CloseCircleFill, QuestionCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import type { EligibilityView } from '#shared/api/permit';
import { describeMissingFact } from '#shared/policy/explain';
import type { FactName } from '#shared/policy/conditions';
import { formatList } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/language.ts';
import { formatDay, translate } from '../residence/words.ts';
import { Citations, LinkButton } from './parts.tsx';

const ICONS = {
  eligible: CheckCircleFill,
  notYet: ClockCircleFill,
  missing: QuestionCircleFill,
  notEligible: CloseCircleFill,
} as const;

/**
 * The engine's answer to "may I apply?": the verdict in a line, the date it changes for "not yet",
 * what is missing (with the way to supply a residence that has not been declared), the reason in
 * the reader's language, and the regulations behind it.
 */
export function EligibilityCard({ eligibility, name, compact }: { eligibility: EligibilityView; name?: string | undefined; compact?: boolean }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const e = eligibility;
  const Icon = ICONS[e.status];
  const headline = {
    eligible: t('permit:eligibility.eligible'),
    notYet: e.on ? t('permit:eligibility.notYetOn', { date: formatDay(e.on, language, t) }) : t('permit:eligibility.notYet'),
    missing: t('permit:eligibility.missing'),
    notEligible: t('permit:eligibility.notEligible'),
  }[e.status];
  const missing = (e.missing ?? []).map((fact) => describeMissingFact(fact as FactName, translate(t)));
  const needsResidence = e.status === 'missing' && (e.missing ?? []).includes('residenceStart');

  return (
    <div className={`pm-eligibility pm-eligibility-${e.status}`} data-testid="permit-eligibility" data-status={e.status} role="group" aria-label={name}>
      <p className="pm-eligibility-head">
        <Icon className="pm-eligibility-icon" aria-hidden="true" />
        <span>{headline}</span>
      </p>
      <p className="pm-eligibility-reason">{e.reason}</p>
      {missing.length > 0 && <p className="rs-field-note">{t('permit:eligibility.missingFacts', { facts: formatList(missing, language, t) })}</p>}
      {e.optional && <p className="pm-eligibility-optional">{t('permit:eligibility.optional')}</p>}
      {needsResidence && !compact && (
        <div className="rs-actions">
          <p className="rs-field-note">{t('permit:eligibility.declareFirst')}</p>
          <LinkButton to="/residence/declare" primary testId="permit-declare-residence">
            {t('permit:eligibility.declare')}
          </LinkButton>
        </div>
      )}
      <Citations citations={e.citations} />
    </div>
  );
}

import { DownOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { HolderPermit, PermitApplication, PermitCard, PermitOverview } from '#shared/api/permit';
import { isolate } from '../../i18n/bidi.ts';
import { formatList } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/language.ts';
import { Reference } from '../residence/parts.tsx';
import { Row } from '../residence/declare/steps.tsx';
import { EmptyState } from '../residence/states.tsx';
import { formatDay, formatMoment } from '../residence/words.ts';
import { EligibilityCard } from './EligibilityCard.tsx';
import { OverviewGate } from './OverviewGate.tsx';
import { ApplicationStatusTag, Citations, LinkButton, PermitStatusBadge, Section } from './parts.tsx';
import { holderQuery, PermitCardView } from './PermitCardView.tsx';
import { holderOf, isActivePermit, mayApply, openApplicationOf, profileDocumentsOf, proofKindsOf, validityYearsOf } from './rules.ts';
import { usePermitOverview } from './usePermit.ts';
import { documentName, permitCode, yearsText } from './words.ts';

type Loaded = ReturnType<typeof usePermitOverview>;

/**
 * 居住证: the caller's electronic permit when there is one, the application under way, or whether
 * they may apply and how; the pack's terms; and each accompanying child's permit and eligibility.
 */
export default function PermitPage() {
  const loaded = usePermitOverview();
  return (
    <OverviewGate loaded={loaded} lines={8}>
      {({ overview }) => (
        <div className="rs-page pm-page">
          <HolderBlock holder={overview.self} loaded={loaded} />
          {overview.terms && <TermsCard terms={overview.terms} />}
          {overview.children.length > 0 && <ChildrenCard children={overview.children} />}
        </div>
      )}
    </OverviewGate>
  );
}

/** One child's card, opened from the children's list (`/permit/card?holder=<id>`). */
export function ChildCardPage() {
  const [search] = useSearchParams();
  const loaded = usePermitOverview();
  return <OverviewGate loaded={loaded}>{({ overview }) => <ChildCard holder={holderOf(overview, search.get('holder') ?? 'self')} loaded={loaded} />}</OverviewGate>;
}

function ChildCard({ holder, loaded }: { holder: HolderPermit | undefined; loaded: Loaded }) {
  const { t } = useTranslation();
  if (!holder) {
    return (
      <div className="rs-page">
        <EmptyState title={t('permit:card.notFound')}>
          <LinkButton to="/permit" primary>
            {t('permit:backToPermit')}
          </LinkButton>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="rs-page pm-page">
      <HolderBlock holder={holder} loaded={loaded} />
    </div>
  );
}

/** Someone's permit, their application under way, or whether they may apply. */
function HolderBlock({ holder, loaded }: { holder: HolderPermit; loaded: Loaded }) {
  const { t } = useTranslation();
  const data = loaded.data!;
  const permit = holder.permit;
  const open = openApplicationOf(holder);
  const showEligibility = !isActivePermit(permit) && !open;
  const forChild = holder.holder !== 'self';
  return (
    <>
      {permit && (
        <PermitCardView
          holder={{ ...holder, permit }}
          receivedAt={data.receivedAt}
          refresh={loaded.reload}
          refreshFailed={!loaded.loading && loaded.error !== undefined}
          onCard={loaded.replaceCard}
        />
      )}
      {holder.application && (open || !permit) && <ApplicationSummary application={holder.application} />}
      {showEligibility && (
        <Section title={forChild ? t('permit:eligibility.titleFor', { name: isolate(holder.name) }) : t('permit:eligibility.title')} testId="permit-eligibility-card">
          {holder.eligibility ? <EligibilityCard eligibility={holder.eligibility} /> : <p className="rs-field-note">{t('permit:eligibility.unknown')}</p>}
          {mayApply(holder) && (
            <div className="rs-actions">
              <LinkButton to={`/permit/apply${holderQuery(holder.holder)}`} primary testId="permit-apply">
                {forChild ? t('permit:apply.forChild', { name: isolate(holder.name) }) : t('permit:apply.button')}
              </LinkButton>
            </div>
          )}
        </Section>
      )}
      {!permit && !holder.application && !holder.eligibility && !forChild && <NoResidence overview={data.overview} />}
    </>
  );
}

/** Before anything is known: the permit follows a registered residence. */
function NoResidence({ overview }: { overview: PermitOverview }) {
  const { t } = useTranslation();
  if (overview.residence) return null;
  return (
    <EmptyState title={t('permit:noResidence.title')} description={t('permit:noResidence.description')}>
      <LinkButton to="/residence/declare" primary>
        {t('permit:eligibility.declare')}
      </LinkButton>
    </EmptyState>
  );
}

/** The application under way (or the last one decided), one tap from its timeline. */
function ApplicationSummary({ application }: { application: PermitApplication }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const a = application;
  return (
    <Link className="rs-card rs-item pm-application-link" to={`/permit/applications/${a.id}`} data-testid="permit-application-summary">
      <span className="rs-item-head">
        <ApplicationStatusTag status={a.status} />
        <span className="rs-field-note">{permitCode(t, 'kinds', a.kind)}</span>
      </span>
      <span className="pm-application-help">{permitCode(t, 'statusHelp', a.status)}</span>
      <span className="rs-item-dates">
        <Reference id={a.id} /> · {t('permit:application.submittedAt', { date: formatMoment(a.submittedAt, language, t) })}
      </span>
      <RightOutline className="rs-chevron rs-item-chevron" aria-hidden="true" />
    </Link>
  );
}

/** What the pack asks for: documents, validity, the time limit for issuing, and the law. */
function TermsCard({ terms }: { terms: NonNullable<PermitOverview['terms']> }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const names = (kinds: readonly string[]) => formatList(kinds.map((kind) => documentName(t, kind)), language, t);
  const uploads = terms.documents.filter((kind) => !profileDocumentsOf(terms.documents).includes(kind));
  const years = validityYearsOf(terms.validityChoices);
  const citations = [...(terms.documentsCitation ? [terms.documentsCitation] : []), ...terms.citations];
  return (
    <section className="rs-card" aria-labelledby="pm-terms-title" data-testid="permit-terms">
      <details className="pm-terms">
        <summary>
          <h2 id="pm-terms-title" className="rs-card-title pm-terms-title">
            {t('permit:terms.title')}
          </h2>
          <DownOutline className="pm-terms-chevron" aria-hidden="true" />
        </summary>
        <dl className="rs-facts">
          {uploads.length > 0 && <Row label={t('permit:terms.documents')}>{names(uploads)}</Row>}
          {profileDocumentsOf(terms.documents).length > 0 && (
            <Row label={t('permit:terms.fromProfile')}>{names(profileDocumentsOf(terms.documents))}</Row>
          )}
          {years.length > 0 && (
            <Row label={t('permit:terms.validity')}>
              {years.length > 1
                ? t('permit:terms.validityChoices', { choices: formatList(years.map((n) => yearsText(t, n)), language, t) })
                : yearsText(t, years[0]!)}
            </Row>
          )}
          {terms.issueWithin && <Row label={t('permit:terms.issueWithin')}>{terms.issueWithin}</Row>}
          {proofKindsOf(terms.documents).length > 0 && <Row label={t('permit:terms.proofs')}>{t('permit:terms.proofsHint')}</Row>}
        </dl>
        <Citations citations={citations} />
      </details>
    </section>
  );
}

/** Each accompanying child: their permit, application or eligibility, and what can be done for them. */
function ChildrenCard({ children }: { children: readonly HolderPermit[] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <Section title={t('permit:children.title')} testId="permit-children">
      <ul className="rs-cards pm-children">
        {children.map((child) => {
          const open = openApplicationOf(child);
          const permit: PermitCard | undefined = child.permit;
          return (
            <li key={child.holder} className="pm-child" data-testid="permit-child">
              <p className="pm-child-name">
                <bdi>{child.name}</bdi>{' '}
                <span className="rs-field-note">{t('permit:children.born', { date: formatDay(child.birthDate, language, t) })}</span>
              </p>
              {permit && (
                <p className="rs-item-head">
                  <PermitStatusBadge status={permit.status} /> <Reference id={permit.number} />
                </p>
              )}
              {child.application && (open || !permit) && (
                <p className="rs-item-head">
                  <ApplicationStatusTag status={child.application.status} />
                  <Link to={`/permit/applications/${child.application.id}`}>{t('permit:children.viewApplication')}</Link>
                </p>
              )}
              {!isActivePermit(permit) && !open && child.eligibility && <EligibilityCard eligibility={child.eligibility} name={child.name} compact />}
              {child.guardianMayApply === false && <p className="rs-field-note">{t('permit:children.guardianMayNotApply')}</p>}
              <div className="rs-actions">
                {permit && (
                  <LinkButton to={`/permit/card${holderQuery(child.holder)}`} testId="permit-child-card">
                    {t('permit:children.showCard')}
                  </LinkButton>
                )}
                {mayApply(child) && (
                  <LinkButton to={`/permit/apply${holderQuery(child.holder)}`} primary testId="permit-apply-child">
                    {t('permit:apply.forChild', { name: isolate(child.name) })}
                  </LinkButton>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { describeCondition, describeDuration, describeTimeRule, type Translate } from '#shared/policy/explain';
import type { DutyRule, Entitlement, FineRule, PolicyPack, TimeRule } from '#shared/policy/schema';
import { ENTITLEMENT_AREAS } from '#shared/policy/vocabulary';
import { formatList } from '../../i18n/format.ts';
import { useLanguage, type Language } from '../../i18n/language.ts';
import { fineFacts } from './fines.ts';
import { CitationBlock, Items, PackContext, Rule, Rules } from './Rule.tsx';
import type { PolicyForDivision } from './usePolicy.ts';

/** Whether a part of a pack has anything to show: a section with no rule in it is left out. */
function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(present);
  return true;
}

const SECTION_IDS = [
  'migrants',
  'landlords',
  'tenants',
  'employers',
  'agencies',
  'markets',
  'institutions',
  'permit',
  'fines',
  'entitlements',
] as const;
type SectionId = (typeof SECTION_IDS)[number];

const sectionData = (pack: PolicyPack): Record<SectionId, unknown> => ({
  migrants: pack.registration,
  landlords: pack.landlord,
  tenants: pack.tenant,
  employers: pack.employer,
  agencies: pack.agency,
  markets: pack.market,
  institutions: pack.institution,
  permit: pack.permit,
  fines: pack.fines,
  entitlements: pack.entitlements,
});

/** A date the regulation took effect, in words where the browser has the language. */
function formatDay(iso: string, language: Language, t: TFunction): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  if (Intl.DateTimeFormat.supportedLocalesOf([language]).length > 0) {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day));
  }
  return t('guide:summary.date', { year, month, day });
}

/**
 * i18next's t for the policy explainers, which call it as (key, values): its overloads, written for
 * typed resources, do not admit that plain shape though it is what t does. (A wrapper calling t with
 * a key variable would hide the keys from the locale-key scan.)
 */
const explainer = (t: TFunction): Translate => t as unknown as Translate;


export function PolicyView({ document }: { document: PolicyForDivision }) {
  const { t } = useTranslation();
  const { pack } = document;
  const titles: Record<SectionId, string> = {
    migrants: t('guide:sections.migrants'),
    landlords: t('guide:sections.landlords'),
    tenants: t('guide:sections.tenants'),
    employers: t('guide:sections.employers'),
    agencies: t('guide:sections.agencies'),
    markets: t('guide:sections.markets'),
    institutions: t('guide:sections.institutions'),
    permit: t('guide:sections.permit'),
    fines: t('guide:sections.fines'),
    entitlements: t('guide:sections.entitlements'),
  };
  const data = sectionData(pack);
  const sections = SECTION_IDS.filter((id) => present(data[id]));

  return (
    <PackContext.Provider value={pack.id}>
      <Summary document={document} />
      {sections.length > 1 && (
        <nav className="guide-nav" aria-label={t('guide:nav.label')}>
          <ul>
            {sections.map((id) => (
              <li key={id}>
                <a href={`#guide-${id}`}>{titles[id]}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {sections.map((id) => (
        <section key={id} id={`guide-${id}`} className="guide-section" aria-labelledby={`guide-${id}-title`}>
          <h2 id={`guide-${id}-title`} className="guide-section-title">
            {titles[id]}
          </h2>
          <SectionBody id={id} pack={pack} />
        </section>
      ))}
    </PackContext.Provider>
  );
}

function Summary({ document }: { document: PolicyForDivision }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { pack } = document;
  // The local regulation first: it is the one that sets this place apart.
  const sources = [...document.sources].sort((a, b) => Number(a.id === 'national') - Number(b.id === 'national'));
  return (
    <section className="guide-summary" aria-label={t('guide:summary.label')}>
      <dl className="guide-summary-list">
        <div>
          <dt>{t('guide:summary.pack')}</dt>
          <dd className="guide-summary-pack">{t(`policy:packs.${pack.id}`)}</dd>
        </div>
        <div>
          <dt>{t('guide:summary.sources')}</dt>
          <dd>
            <ul className="guide-sources">
              {sources.map((source) => (
                <li key={source.id}>
                  <span className="guide-source-title">
                    {t('guide:citation.title', { source: t(`policy:sources.${source.id}`) })}
                  </span>
                  {source.inForce && (
                    <span className="guide-source-date">
                      {t('guide:summary.inForce', { date: formatDay(source.inForce, language, t) })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      {pack.id === 'national' && <p className="guide-summary-note">{t('guide:summary.nationalOnly')}</p>}
    </section>
  );
}

function TimeRuleItem({ label, rule }: { label: string; rule: TimeRule | undefined }) {
  const { t } = useTranslation();
  if (!rule) return null;
  return (
    <Rule label={label} citations={[rule.citation]}>
      <span className="guide-time">{describeTimeRule(rule, explainer(t))}</span>
    </Rule>
  );
}

function Duties({ rules }: { rules: readonly DutyRule[] | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      {rules?.map((rule, index) => (
        <Rule key={index} label={t('guide:duties')} citations={[rule.citation]}>
          <Items items={rule.duties.map((duty) => t(`policy:duties.${duty}`))} />
        </Rule>
      ))}
    </>
  );
}

function SectionBody({ id, pack }: { id: SectionId; pack: PolicyPack }) {
  const { t } = useTranslation();
  switch (id) {
    case 'migrants':
      return <Registration registration={pack.registration!} />;
    case 'landlords':
      return (
        <Rules>
          <TimeRuleItem label={t('guide:landlord.registerWithin')} rule={pack.landlord?.registerWithin} />
          <TimeRuleItem label={t('guide:landlord.reportMoveIn')} rule={pack.landlord?.reportMoveIn} />
          <TimeRuleItem label={t('guide:landlord.reportMoveOut')} rule={pack.landlord?.reportMoveOut} />
          <Duties rules={pack.landlord?.duties} />
        </Rules>
      );
    case 'tenants':
      return (
        <Rules>
          <Duties rules={pack.tenant?.duties} />
        </Rules>
      );
    case 'employers':
      return (
        <Rules>
          <TimeRuleItem label={t('guide:employer.registerWithin')} rule={pack.employer?.registerWithin} />
          <TimeRuleItem label={t('guide:employer.reportHire')} rule={pack.employer?.reportHire} />
          <TimeRuleItem label={t('guide:employer.reportTermination')} rule={pack.employer?.reportTermination} />
          <Duties rules={pack.employer?.duties} />
        </Rules>
      );
    case 'agencies':
      return (
        <Rules>
          <TimeRuleItem label={t('guide:agency.registerWithin')} rule={pack.agency?.registerWithin} />
          <TimeRuleItem label={t('guide:agency.reportPlacement')} rule={pack.agency?.reportPlacement} />
          <Duties rules={pack.agency?.duties} />
        </Rules>
      );
    case 'markets':
      return (
        <Rules>
          <TimeRuleItem label={t('guide:market.registerWithin')} rule={pack.market?.registerWithin} />
          <TimeRuleItem label={t('guide:market.reportArrival')} rule={pack.market?.reportArrival} />
          <Duties rules={pack.market?.duties} />
        </Rules>
      );
    case 'institutions':
      return (
        <Rules>
          <TimeRuleItem label={t('guide:institution.reportRegistration')} rule={pack.institution?.reportRegistration} />
        </Rules>
      );
    case 'permit':
      return <Permit permit={pack.permit!} />;
    case 'fines':
      return (
        <Rules>
          {pack.fines!.map((fine, index) => (
            <Fine key={index} fine={fine} />
          ))}
        </Rules>
      );
    case 'entitlements':
      return <Entitlements entitlements={pack.entitlements!} />;
  }
}

function Registration({ registration }: { registration: NonNullable<PolicyPack['registration']> }) {
  const { t } = useTranslation();
  const { who, documents } = registration;
  const tr = explainer(t);
  return (
    <Rules>
      {who && (
        <Rule label={t('guide:registration.who')} citations={[who.citation]}>
          <Items
            items={[
              t(`policy:scopes.${who.scope}`),
              ...(who.minimumStay ? [t('guide:registration.minimumStay', { duration: describeDuration(who.minimumStay, tr) })] : []),
              ...(who.maximumStay ? [t('guide:registration.maximumStay', { duration: describeDuration(who.maximumStay, tr) })] : []),
              ...(who.excludes ?? []).map((exclusion) => t(`policy:exclusions.${exclusion}`)),
            ]}
          />
        </Rule>
      )}
      <TimeRuleItem label={t('guide:registration.deadline')} rule={registration.deadline} />
      <TimeRuleItem label={t('guide:registration.changeDeadline')} rule={registration.changeDeadline} />
      {documents && (
        <Rule label={t('guide:registration.documents')} citations={[documents.citation]}>
          <Items items={documents.items.map((item) => t(`policy:documents.${item}`))} />
        </Rule>
      )}
    </Rules>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="guide-part">
      <h3 className="guide-part-title">{title}</h3>
      <Rules>{children}</Rules>
    </div>
  );
}

function Permit({ permit }: { permit: NonNullable<PolicyPack['permit']> }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const tr = explainer(t);
  const { eligibility, endorsement, cancellation } = permit;
  return (
    <>
      {(eligibility || permit.guardianApplies) && (
        <Part title={t('guide:permit.eligibilityTitle')}>
          {eligibility && (
            <Rule label={t('guide:permit.conditions')} citations={eligibility.conditions.map((entry) => entry.citation)}>
              <Items items={eligibility.conditions.map((entry) => describeCondition(entry.condition, tr))} />
            </Rule>
          )}
          {eligibility?.voluntary && eligibility.voluntary.length > 0 && (
            <Rule label={t('guide:permit.voluntary')} citations={eligibility.voluntary.map((entry) => entry.citation)}>
              <Items items={eligibility.voluntary.map((entry) => describeCondition(entry.condition, tr))} />
            </Rule>
          )}
          {permit.guardianApplies && (
            <Rule label={t('guide:permit.minors')} citations={[permit.guardianApplies.citation]}>
              {permit.guardianApplies.allowed ? t('guide:permit.guardianAllowed') : t('guide:permit.guardianNotAllowed')}
            </Rule>
          )}
        </Part>
      )}
      {(permit.withRegistration || permit.documents || permit.issueWithin || permit.remoteIssueWithin || permit.refusalNeedsReasons) && (
        <Part title={t('guide:permit.applyTitle')}>
          {permit.withRegistration && (
            <Rule label={t('guide:permit.when')} citations={[permit.withRegistration.citation]}>
              {t('guide:permit.withRegistration')}
            </Rule>
          )}
          {permit.documents && (
            <Rule label={t('guide:permit.documents')} citations={[permit.documents.citation]}>
              <Items items={permit.documents.items.map((item) => t(`policy:documents.${item}`))} />
            </Rule>
          )}
          <TimeRuleItem label={t('guide:permit.issueWithin')} rule={permit.issueWithin} />
          <TimeRuleItem label={t('guide:permit.remoteIssueWithin')} rule={permit.remoteIssueWithin} />
          {permit.refusalNeedsReasons && (
            <Rule label={t('guide:permit.refusal')} citations={[permit.refusalNeedsReasons.citation]}>
              {t('guide:permit.refusalNeedsReasons')}
            </Rule>
          )}
        </Part>
      )}
      {(permit.validity || permit.onePerPerson || endorsement || permit.renewBefore) && (
        <Part title={t('guide:permit.validityTitle')}>
          {permit.validity && (
            <Rule label={t('guide:permit.validity')} citations={[permit.validity.citation]}>
              {formatList(
                permit.validity.choices.map((choice) => describeDuration(choice, tr)),
                language,
                t,
              )}
            </Rule>
          )}
          {permit.onePerPerson && (
            <Rule label={t('guide:permit.perPersonLabel')} citations={[permit.onePerPerson.citation]}>
              {t('guide:permit.onePerPerson')}
            </Rule>
          )}
          {endorsement && (
            <>
              <Rule label={t('guide:permit.endorsement')} citations={[endorsement.citation]}>
                {t('guide:permit.endorseEvery', { duration: describeDuration(endorsement.every, tr) })}
              </Rule>
              <TimeRuleItem label={t('guide:permit.endorseWindow')} rule={endorsement.windowBefore} />
              <Rule label={t('guide:permit.missed')} citations={[endorsement.missed.citation]}>
                <Items
                  items={[
                    endorsement.missed.effect === 'suspended' ? t('guide:permit.missedSuspended') : t('guide:permit.missedLapsed'),
                    endorsement.missed.residenceYears === 'restartAtEndorsement'
                      ? t('guide:permit.yearsRestart')
                      : t('guide:permit.yearsContinuous'),
                  ]}
                />
              </Rule>
            </>
          )}
          <TimeRuleItem label={t('guide:permit.renew')} rule={permit.renewBefore} />
        </Part>
      )}
      {cancellation && (
        <Part title={t('guide:permit.cancellationTitle')}>
          <TimeRuleItem label={t('guide:permit.cancelWhen')} rule={cancellation.beforeLeaving} />
          <Rule label={t('guide:permit.returnGrace')} citations={[cancellation.returnGrace.citation]}>
            {t('guide:permit.returnGraceValue', { duration: describeDuration(cancellation.returnGrace.within, tr) })}
          </Rule>
        </Part>
      )}
      {permit.fees && permit.fees.length > 0 && (
        <Part title={t('guide:permit.feesTitle')}>
          {permit.fees.map((fee, index) => (
            <Rule
              key={index}
              label={formatList(
                fee.services.map((service) => t(`policy:permitServices.${service}`)),
                language,
                t,
              )}
              citations={[fee.citation]}
            >
              {fee.charge === 'free' ? t('guide:permit.free') : t('guide:permit.cardFee')}
            </Rule>
          ))}
        </Part>
      )}
    </>
  );
}

function Fine({ fine }: { fine: FineRule }) {
  const { t } = useTranslation();
  const facts = fineFacts(fine, t);
  return (
    <Rule label={t(`policy:parties.${fine.party}`)} citations={[fine.citation]}>
      <p className="guide-fine-offence">{t(`policy:offences.${fine.offence}`)}</p>
      <ul className="guide-facts">
        {facts.map((fact, index) => (
          <li key={index}>{fact}</li>
        ))}
      </ul>
    </Rule>
  );
}

function Entitlements({ entitlements }: { entitlements: readonly Entitlement[] }) {
  const { t } = useTranslation();
  const tr = explainer(t);
  return (
    <>
      <p className="guide-section-lead">{t('guide:entitlements.lead')}</p>
      {ENTITLEMENT_AREAS.map((area) => {
        const inArea = entitlements.filter((entitlement) => entitlement.area === area);
        if (inArea.length === 0) return null;
        return (
          <div key={area} className="guide-part">
            <h3 className="guide-part-title">{t(`policy:areas.${area}`)}</h3>
            {/* Native disclosure: antd-mobile's Collapse headers are anchors a keyboard cannot reach. */}
            <ul className="guide-entitlements">
              {inArea.map((entitlement) => (
                <li key={entitlement.id}>
                  <details className="guide-entitlement">
                    <summary>{t(`policy:services.${entitlement.service}`)}</summary>
                    <Rules>
                      <Rule label={t('guide:entitlements.conditions')} citations={[]}>
                        {entitlement.conditions.length > 0 ? (
                          <Items items={entitlement.conditions.map((condition) => describeCondition(condition, tr))} />
                        ) : (
                          t('guide:entitlements.noConditions')
                        )}
                      </Rule>
                      <Rule label={t('guide:entitlements.where')} citations={[]}>
                        {t(`policy:offices.${entitlement.apply.where}`)}
                      </Rule>
                      {entitlement.apply.bring.length > 0 && (
                        <Rule label={t('guide:entitlements.bring')} citations={[]}>
                          <Items items={entitlement.apply.bring.map((item) => t(`policy:documents.${item}`))} />
                        </Rule>
                      )}
                    </Rules>
                    <CitationBlock citation={entitlement.citation} />
                  </details>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}

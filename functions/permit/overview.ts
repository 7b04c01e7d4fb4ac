/**
 * The permit page (GET /api/me/permit): for the caller and each accompanying child, whether the
 * pack lets them apply (in the reader's language, with the law), the latest application, and the
 * electronic permit with a fresh QR token. The pack follows the registered residence: before one
 * is registered there is no pack, and eligibility says what is missing (when residence started).
 */
import type { EligibilityView, HolderPermit, PermitOverview } from '#shared/api/permit';
import type { Language } from '#shared/i18n/languages';
import { APPLICATION_IN_PROGRESS } from '#shared/permit/lifecycle';
import { childFacts, personFacts, type FactSources } from '#shared/permit/facts';
import { permitEligibility } from '#shared/policy/decisions';
import { describeTimeRule, type Translate } from '#shared/policy/explain';
import { packForDivision } from '#shared/policy/registry';
import type { Citation, PolicyPack } from '#shared/policy/schema';
import type { PolicyDocument } from '#shared/policy/vocabulary';
import { todayInShanghai } from '#functions/commons/clock';
import { ApiError } from '#functions/commons/errors';
import { translator } from '#functions/commons/i18n';
import { workingCalendar } from '#functions/commons/working-calendar';
import { permitCard, type CardContext } from './card.ts';
import { factSourcesOf, permitOn } from './entitlements.ts';
import type { HolderRef, PermitApplicationItem } from './items.ts';
import { personRecord } from './records.ts';
import { applicationView, eligibilityView } from './views.ts';

/** The engine's reasons in the reader's language. */
export function policyTranslate(language: Language): Translate {
  const t = translator(language);
  return (key, values) => t(key, values ?? {});
}

/** Eligibility before a registered residence: the pack and the residence clock both follow it. */
const residenceMissing = (t: Translate): EligibilityView =>
  eligibilityView({ status: 'missing', missing: ['residenceStart'], checks: [], citations: [], optional: false }, t);

/**
 * The documents an application carries: the pack's list, and always the photo — the electronic
 * permit shows it to whoever checks it, where the pack lists one or not.
 */
export function applicationDocuments(pack: PolicyPack): PolicyDocument[] {
  const listed = pack.permit?.documents?.items ?? [];
  return listed.includes('photo') ? [...listed] : [...listed.filter((d) => d === 'citizenId'), 'photo', ...listed.filter((d) => d !== 'citizenId')];
}

function uniqueCitations(citations: (Citation | undefined)[]): Citation[] {
  const present = citations.filter((c): c is Citation => c !== undefined);
  return present.filter((c, i) => present.findIndex((d) => d.source === c.source && d.article === c.article && d.quote === c.quote) === i);
}

function termsOf(pack: PolicyPack, t: Translate): NonNullable<PermitOverview['terms']> {
  const rules = pack.permit;
  return {
    documents: applicationDocuments(pack),
    ...(rules?.documents ? { documentsCitation: rules.documents.citation } : {}),
    validityChoices: rules?.validity?.choices ?? [],
    ...(rules?.issueWithin ? { issueWithin: describeTimeRule(rules.issueWithin, t) } : {}),
    citations: uniqueCitations([
      rules?.withRegistration?.citation,
      rules?.validity?.citation,
      rules?.issueWithin?.citation,
      rules?.endorsement?.citation,
      rules?.renewBefore?.citation,
    ]),
  };
}

const inProgress = (application: PermitApplicationItem | undefined) => application !== undefined && APPLICATION_IN_PROGRESS.includes(application.status);

export async function permitOverview(accountId: string, language: Language, origin: string): Promise<PermitOverview> {
  const record = await personRecord(accountId);
  const { profile, residence } = record;
  if (!profile) throw new ApiError(404, 'profile_not_found');
  const today = todayInShanghai();
  const context: CardContext = { today, calendar: await workingCalendar(), origin };
  const t = policyTranslate(language);
  const pack = residence ? packForDivision(residence.address.division) : undefined;
  const sources: FactSources | undefined = factSourcesOf(record, today, today, undefined);

  const eligibility = (facts: () => Parameters<typeof permitEligibility>[1]): EligibilityView | null => {
    if (!pack || !sources) return residenceMissing(t);
    const decision = permitEligibility(pack, facts());
    return decision ? eligibilityView(decision, t) : null;
  };

  const holderPart = async (holder: HolderRef): Promise<Pick<HolderPermit, 'application' | 'permit'>> => {
    const application = record.latestApplications.get(holder);
    const permit = record.permits.get(holder);
    return {
      ...(application ? { application: applicationView(application) } : {}),
      ...(permit ? { permit: await permitCard(permit, context) } : {}),
    };
  };

  const self: HolderPermit = {
    holder: 'self',
    name: profile.name,
    birthDate: profile.birthDate,
    eligibility: eligibility(() => personFacts({ ...sources!, applying: inProgress(record.latestApplications.get('self')) })),
    ...(await holderPart('self')),
  };
  const guardianMayApply = pack?.permit?.guardianApplies?.allowed ?? false;
  const children = await Promise.all(
    record.children.map(async (child): Promise<HolderPermit> => {
      const permit = record.permits.get(child.id);
      return {
        holder: child.id,
        name: child.name,
        birthDate: child.birthDate,
        eligibility: eligibility(() =>
          childFacts(sources!, child, {
            ...(permit ? { permit: permitOn(permit, today, today) } : {}),
            applying: inProgress(record.latestApplications.get(child.id)),
          }),
        ),
        guardianMayApply,
        ...(await holderPart(child.id)),
      };
    }),
  );

  return {
    packId: pack?.id ?? null,
    residence: residence ? { declarationId: residence.id, address: residence.address, moveInDate: residence.moveInDate } : null,
    terms: pack ? termsOf(pack, t) : null,
    self,
    children,
  };
}

/** Permit eligibility and entitlements, decided from facts; explained in zh-CN, en and ug. */
import { beforeAll, describe, expect, it } from 'vitest';
import { entitlementsFor, permitEligibility } from '#shared/policy/decisions';
import { describeCondition, describeTimeRule, explainDecision, type Translate } from '#shared/policy/explain';
import { loadPacks, packById } from '#shared/policy/registry';
import { PACK_IDS, type PersonFacts, type PolicyPackInput } from '#shared/policy/schema';
import { national } from '#shared/policy/packs/national';
import { LANGUAGES, type Language } from '#shared/i18n/languages';
import { createTestI18n } from '../web/i18n-fixture.ts';

const TODAY = '2026-11-22';
const facts = (more: Omit<PersonFacts, 'asOf'> & { asOf?: string }): PersonFacts => ({ asOf: TODAY, ...more });

describe('permit eligibility', () => {
  it.each<[string, (typeof PACK_IDS)[number], PersonFacts, Record<string, unknown>]>([
    // National: six months of residence and one of job, home, study (居住证暂行条例 Art.2).
    ['national: not yet, eligible when six months are reached', 'national', facts({ residenceStart: '2026-09-01', stableJob: true }), { status: 'notYet', on: '2027-03-01' }],
    ['national: six months reached on the corresponding day', 'national', facts({ asOf: '2027-03-01', residenceStart: '2026-09-01', stableJob: true }), { status: 'eligible' }],
    ['national: month end when there is no corresponding day', 'national', facts({ residenceStart: '2026-08-31', stableHome: true }), { status: 'notYet', on: '2027-02-28' }],
    ['national: no job, home or study', 'national', facts({ residenceStart: '2025-01-01', stableJob: false, stableHome: false, continuousStudy: false }), { status: 'notEligible' }],
    ['national: job unknown', 'national', facts({ residenceStart: '2025-01-01', stableHome: false }), { status: 'missing', missing: ['stableJob', 'continuousStudy'] }],
    ['national: residence start unknown', 'national', facts({ stableJob: true }), { status: 'missing', missing: ['residenceStart'] }],
    ['ningxia inherits the national conditions', 'ningxia', facts({ residenceStart: '2026-09-01', continuousStudy: true }), { status: 'notYet', on: '2027-03-01' }],
    // Liaoning: everyone who plans to stay a month or more (Art.10).
    ['liaoning: a month', 'liaoning', facts({ residenceStart: '2026-11-01', plannedStayDays: 30 }), { status: 'eligible', optional: false }],
    ['liaoning: three weeks', 'liaoning', facts({ residenceStart: '2026-11-01', plannedStayDays: 21 }), { status: 'notEligible' }],
    ['liaoning: a student need not apply but may', 'liaoning', facts({ plannedStayDays: 365, continuousStudy: true }), { status: 'eligible', optional: true }],
    ['liaoning: an under-16 need not apply but may', 'liaoning', facts({ plannedStayDays: 365, birthDate: '2015-05-01' }), { status: 'eligible', optional: true }],
    // Xinjiang and Datong: 16 or over, staying 30 days or more.
    ['xinjiang: turns 16 in January', 'xinjiang', facts({ birthDate: '2011-01-15', plannedStayDays: 90 }), { status: 'notYet', on: '2027-01-15' }],
    ['xinjiang: 20 days', 'xinjiang', facts({ birthDate: '1990-01-01', plannedStayDays: 20 }), { status: 'notEligible' }],
    ['xinjiang: a tourist is exempt from the duty', 'xinjiang', facts({ birthDate: '1990-01-01', plannedStayDays: 40, stayPurpose: 'tourism' }), { status: 'eligible', optional: true }],
    ['datong: a worker must apply', 'datong', facts({ birthDate: '1990-01-01', plannedStayDays: 60, stayPurpose: 'work' }), { status: 'eligible', optional: false }],
    ['datong: age unknown', 'datong', facts({ plannedStayDays: 60 }), { status: 'missing', missing: ['birthDate'] }],
  ])('%s', (_, packId, personFacts, expected) => {
    const decision = permitEligibility(packById(packId), personFacts)!;
    expect(decision).toMatchObject(expected);
    expect(decision.citations.length).toBeGreaterThan(0);
    expect(decision.checks.every((c) => c.citation)).toBe(true);
  });

  it('names the failed condition', () => {
    const decision = permitEligibility(packById('xinjiang'), facts({ birthDate: '1990-01-01', plannedStayDays: 20 }))!;
    expect(decision.failed).toEqual([{ kind: 'plannedStay', atLeast: { amount: 30, unit: 'days' } }]);
  });
});

/** A person who meets every condition a pack can set. */
const everything = facts({
  birthDate: '1980-01-01',
  residenceStart: '2020-01-01',
  plannedStayDays: 3650,
  stayPurpose: 'work',
  permit: 'valid',
  socialInsuranceMonths: 120,
  children: [{ birthDate: '2018-03-01' }],
  stableJob: true,
  stableHome: true,
  continuousStudy: false,
  homeOwned: true,
  leaseRegistered: true,
  labourContract: true,
  businessLicence: false,
  taxPaid: true,
  financialHardship: true,
  inDistress: true,
});

describe.each(PACK_IDS)('entitlements of %s', (packId) => {
  const pack = packById(packId);
  it.each(pack.entitlements!.map((e) => [e.id, e] as const))('%s: can be met, and needs what it says', (_, entitlement) => {
    const [decision] = entitlementsFor({ ...pack, entitlements: [entitlement] }, everything);
    // Only a threshold the office decides may remain open for a person who has everything.
    if (decision!.status !== 'eligible') expect(decision).toMatchObject({ status: 'missing', missing: ['officeAssessment'] });
    expect(decision!.citations[0]).toEqual(entitlement.citation);

    const withoutPermit = entitlementsFor({ ...pack, entitlements: [entitlement] }, { ...everything, permit: 'suspended' })[0]!;
    const needsPermit = entitlement.conditions.some((c) => c.kind === 'permit');
    expect(withoutPermit.status === 'notEligible').toBe(needsPermit);

    const nothingKnown = entitlementsFor({ ...pack, entitlements: [entitlement] }, facts({}))[0]!;
    expect(nothingKnown.status).toBe(entitlement.conditions.length === 0 ? 'eligible' : 'missing');
  });
});

describe('entitlement conditions over time', () => {
  const find = (packId: (typeof PACK_IDS)[number], id: string, personFacts: PersonFacts) =>
    entitlementsFor(packById(packId), personFacts).find((d) => d.entitlement.id === id)!;

  it('Ningxia voter registration: one year of residence', () => {
    expect(find('ningxia', 'voter-registration', facts({ residenceStart: '2026-02-10' }))).toMatchObject({ status: 'notYet', on: '2027-02-10' });
  });
  it('school needs an accompanying child', () => {
    expect(find('national', 'compulsory-education', facts({ permit: 'valid', children: [] }))).toMatchObject({ status: 'notEligible' });
    expect(find('national', 'compulsory-education', facts({ permit: 'valid' }))).toMatchObject({ status: 'missing', missing: ['children'] });
  });
  it('Datong hukou: owned home, or a registered lease with the permit, or a labour contract, or a licence with tax paid', () => {
    const base = { permit: 'valid' as const, homeOwned: false, leaseRegistered: false, labourContract: false, businessLicence: true, taxPaid: false };
    expect(find('datong', 'hukou-transfer', facts(base)).status).toBe('notEligible');
    expect(find('datong', 'hukou-transfer', facts({ ...base, taxPaid: true })).status).toBe('eligible');
    expect(find('datong', 'hukou-transfer', facts({ ...base, leaseRegistered: true })).status).toBe('eligible');
    expect(find('datong', 'hukou-transfer', facts({ permit: 'valid', homeOwned: false }))).toMatchObject({
      status: 'missing',
      missing: ['leaseRegistered', 'labourContract', 'businessLicence', 'taxPaid'],
    });
  });

  it('conditions no pack sets yet still decide: social-insurance months and child ages', () => {
    const pack = loadPacks([
      {
        ...national,
        entitlements: [
          {
            id: 'test-housing',
            area: 'housing',
            service: 'publicRentalHousing',
            conditions: [{ kind: 'socialInsurance', atLeastMonths: 12 }],
            apply: { where: 'housingBureau', bring: [] },
            citation: national.entitlements![0]!.citation,
          },
          {
            id: 'test-school',
            area: 'education',
            service: 'compulsoryEducation',
            conditions: [{ kind: 'child', atLeastAge: 6, belowAge: 16 }],
            apply: { where: 'school', bring: [] },
            citation: national.entitlements![0]!.citation,
          },
        ],
      } as PolicyPackInput,
    ]).byId.get('national')!;
    const [housing, school] = entitlementsFor(pack, facts({ socialInsuranceMonths: 9, children: [{ birthDate: '2021-04-30' }, { birthDate: '2009-01-01' }] }));
    expect(housing).toMatchObject({ status: 'notYet', on: '2027-02-22' });
    expect(school).toMatchObject({ status: 'notYet', on: '2027-04-30' });
    const [, older] = entitlementsFor(pack, facts({ children: [{ birthDate: '2009-01-01' }] }));
    expect(older!.status).toBe('notEligible');
  });
});

describe('explanations in every language', () => {
  const translators = {} as Record<Language, Translate>;
  beforeAll(async () => {
    for (const language of LANGUAGES) {
      const { t } = await createTestI18n(language);
      translators[language] = (key, values) => t(key, values ?? {});
    }
  });

  const person = facts({ residenceStart: '2026-09-01', stableJob: true, permit: 'none' });

  it.each([
    ['zh-CN', '暂不符合，2027-03-01起符合条件', '到达居住地之日起3个工作日内', '不符合条件：持有有效的居住证'],
    ['en', 'Not yet: you qualify from 2027-03-01', 'within 3 working days of arrival', 'You do not qualify: You hold a valid residence permit'],
    ['ug', '2027-03-01', 'خىزمەت كۈنى', 'تۇرالغۇ گۇۋاھنامىڭىز بار'],
  ] as const)('%s', (language, notYet, xinjiangDeadline, noPermit) => {
    const t = translators[language];
    expect(explainDecision(permitEligibility(packById('national'), person)!, t)).toContain(notYet);
    expect(describeTimeRule(packById('xinjiang').registration!.deadline!, t)).toContain(xinjiangDeadline);
    const [school] = entitlementsFor(packById('national'), person, t);
    expect(school!.reason).toContain(noPermit);
  });

  it('every condition, rule and decision of every pack has words in every language (no raw keys)', () => {
    for (const language of LANGUAGES) {
      const t = translators[language];
      for (const id of PACK_IDS) {
        const pack = packById(id);
        const texts = [
          ...(pack.entitlements ?? []).flatMap((e) => e.conditions.map((c) => describeCondition(c, t))),
          ...(pack.permit?.eligibility?.conditions ?? []).map(({ condition }) => describeCondition(condition, t)),
          ...(pack.permit?.eligibility?.voluntary ?? []).map(({ condition }) => describeCondition(condition, t)),
          ...entitlementsFor(pack, facts({}), t).map((d) => d.reason!),
          ...entitlementsFor(pack, everything, t).map((d) => d.reason!),
        ];
        for (const text of texts) expect(text).not.toMatch(/policy:|\{\{|conditions\.|missingFacts\./);
      }
    }
  });
});

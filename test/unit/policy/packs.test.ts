/**
 * The packs against POLICY.md: validated at load, inherited where a region sets nothing, chosen by
 * the most specific division prefix, every figure as the regulation states it, every citation
 * pointing into the regulation it names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPacks, policyPacks, PolicyPackError, packById, packForDivision } from '#shared/policy/registry';
import { PACK_IDS, type Citation, type PolicyPackInput } from '#shared/policy/schema';
import { SOURCES } from '#shared/policy/sources';
import { national } from '#shared/policy/packs/national';
import { datong } from '#shared/policy/packs/datong';

const clone = <T>(value: T): T => structuredClone(value);

function citationsOf(node: unknown): Citation[] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap(citationsOf);
  const own = 'source' in node && 'quote' in node && 'article' in node ? [node as Citation] : [];
  return [...own, ...Object.values(node).flatMap(citationsOf)];
}

describe('validation at load', () => {
  const base = () => [clone(national), clone(datong)] as PolicyPackInput[];

  it('loads the real packs', () => {
    expect([...policyPacks().byId.keys()].sort()).toEqual([...PACK_IDS].sort());
  });

  it.each([
    [
      'a rule without a citation',
      (packs: any[]) => delete packs[1].landlord.reportMoveIn.citation,
      'landlord.reportMoveIn.citation',
    ],
    ['an unknown unit', (packs: any[]) => (packs[1].landlord.reportMoveIn.within.unit = 'weeks'), 'landlord.reportMoveIn.within.unit'],
    ['a zero amount', (packs: any[]) => (packs[1].registration.deadline.within.amount = 0), 'registration.deadline.within.amount'],
    ['an empty quote', (packs: any[]) => (packs[1].registration.deadline.citation.quote = ''), 'registration.deadline.citation.quote'],
    ['an unknown source', (packs: any[]) => (packs[1].registration.deadline.citation.source = 'shanghai'), 'registration.deadline.citation.source'],
    ['an unknown entitlement condition', (packs: any[]) => (packs[0].entitlements[0].conditions = [{ kind: 'wealthy' }]), 'entitlements.0.conditions.0'],
    ['an unknown field', (packs: any[]) => (packs[1].landlord.fineIfLate = 100), 'landlord'],
  ])('rejects %s, naming the pack and the field', (_, breakIt, field) => {
    const packs = base();
    breakIt(packs);
    let error: unknown;
    try {
      loadPacks(packs);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyPackError);
    expect((error as PolicyPackError).problems.join('\n')).toContain(field);
  });

  it('rejects two packs governing the same prefix', () => {
    const twin = { ...clone(datong), id: 'ningxia' } as PolicyPackInput;
    expect(() => loadPacks([national, datong, twin])).toThrow(/1402 is already governed by datong/);
  });

  it('rejects a set without a national pack', () => {
    expect(() => loadPacks([datong])).toThrow(PolicyPackError);
  });
});

describe('choosing the pack for a division', () => {
  it.each([
    ['21', 'liaoning'],
    ['210102', 'liaoning'],
    ['210102001', 'liaoning'],
    ['65', 'xinjiang'],
    ['650102', 'xinjiang'],
    ['1402', 'datong'],
    ['140213', 'datong'],
    ['14', 'national'],
    ['1401', 'national'],
    ['64', 'ningxia'],
    ['640104', 'ningxia'],
    ['440304', 'national'],
    ['110101', 'national'],
  ])('%s → %s', (code, pack) => {
    expect(packForDivision(code).id).toBe(pack);
  });

  it('the most specific prefix wins over a wider one', () => {
    const shanxi = { ...clone(datong), id: 'ningxia', divisionPrefixes: ['14'] } as PolicyPackInput;
    const set = loadPacks([national, datong, shanxi]);
    expect(set.forDivision('140213').id).toBe('datong');
    expect(set.forDivision('140105').id).toBe('ningxia');
  });
});

describe('inheritance', () => {
  it('a region that sets no permit rules has the national ones', () => {
    expect(packById('ningxia').permit).toEqual(packById('national').permit);
  });
  it('a region’s own rule replaces the national one whole', () => {
    expect(packById('datong').permit!.endorsement!.windowBefore.citation.source).toBe('datong');
    expect(packById('liaoning').permit!.eligibility!.conditions).toHaveLength(1);
  });
  it('a rule a region does not set stays national', () => {
    expect(packById('liaoning').permit!.issueWithin!.citation.source).toBe('national');
  });
  it('local entitlements replace national ones by id and add their own after them', () => {
    const ids = packById('datong').entitlements!.map((e) => e.id);
    expect(ids.slice(0, national.entitlements!.length)).toEqual(national.entitlements!.map((e) => e.id));
    expect(packById('datong').entitlements!.find((e) => e.id === 'compulsory-education')!.service).toBe('schoolPlacement');
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('a region that sets no rule for a party inherits nothing invented', () => {
    expect(packById('national').landlord).toBeUndefined();
    expect(packById('national').fines).toBeUndefined();
    expect(packById('liaoning').landlord!.registerWithin).toBeUndefined();
  });
});

describe('citations', () => {
  it.each(PACK_IDS)('%s cites only national law and its own regulation, and lists them as sources', (id) => {
    const pack = packById(id);
    const sources = new Set(citationsOf(pack).map((c) => c.source));
    expect([...sources].every((s) => s === 'national' || s === id)).toBe(true);
    expect([...sources].sort()).toEqual([...pack.sources].sort());
  });

  // The regulation texts are reviewed outside this repository; point POLICY_SEED_DIR at them to
  // check that every quote is copied verbatim (on one line) from the text its source names.
  const seedDir = process.env.POLICY_SEED_DIR;
  it.skipIf(!seedDir)('every quote of a regional regulation is verbatim in its text', () => {
    const files = readdirSync(seedDir!);
    const lines = (seed: string) => {
      const file = files.find((f) => f.startsWith(`${seed}_`) || f.startsWith(seed));
      if (!file) throw new Error(`no text for seed ${seed}`);
      return readFileSync(join(seedDir!, file), 'utf8').split('\n');
    };
    const missing: string[] = [];
    let checked = 0;
    for (const id of PACK_IDS) {
      for (const citation of citationsOf(policyPacks().raw.get(id))) {
        const seed = (SOURCES[citation.source] as { seed?: string }).seed;
        if (!seed) continue;
        checked += 1;
        if (!lines(seed).some((line) => line.includes(citation.quote))) missing.push(`${id} ${citation.article}: ${citation.quote}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });
});

describe('the figures of POLICY.md, pack by pack', () => {
  const fines = (id: (typeof PACK_IDS)[number]) =>
    (packById(id).fines ?? []).map((f) => [
      f.party,
      f.offence,
      f.amount ? `${f.amount.min}-${f.amount.max}` : null,
      f.serious ? `${f.serious.min}-${f.serious.max}` : null,
      f.perPerson ? 'per person' : '',
      f.afterOrderToCorrect ? 'after order' : '',
      f.creditRecord ? 'credit record' : '',
    ]);

  it('fines (section 5)', () => {
    expect(fines('national')).toEqual([]);
    expect(fines('liaoning')).toEqual([
      ['individual', 'notRegistered', null, null, '', 'after order', 'credit record'],
      ['employer', 'lateOrFalseReport', '200-500', null, 'per person', 'after order', 'credit record'],
      ['intermediary', 'lateOrFalseReport', '200-500', null, 'per person', 'after order', 'credit record'],
      ['landlord', 'lateOrFalseReport', '200-500', null, 'per person', 'after order', 'credit record'],
      ['organisation', 'lateOrFalseReport', '200-500', null, 'per person', 'after order', 'credit record'],
    ]);
    expect(fines('xinjiang')).toEqual([
      ['individual', 'notRegistered', '50-200', null, '', 'after order', ''],
      ['individual', 'notReported', '50-200', null, '', 'after order', ''],
      ['organisation', 'notReported', '500-1000', null, '', 'after order', ''],
    ]);
    expect(fines('datong')).toEqual([
      ['individual', 'notRegistered', null, null, '', '', ''],
      ['landlord', 'notReported', '100-300', null, '', '', ''],
      ['intermediary', 'notReported', '200-500', '500-2000', '', '', ''],
      ['employer', 'notReported', '300-500', '500-3000', '', '', ''],
      ['marketOperator', 'notReported', '200-500', '500-2000', '', '', ''],
      ['anyone', 'permitFraud', '200-500', null, '', '', ''],
    ]);
    expect(fines('ningxia')).toEqual([
      ['employer', 'notReported', '500-1000', '1000-5000', '', 'after order', ''],
      ['landlord', 'notReported', '200-1000', '1000-2000', '', 'after order', ''],
      ['intermediary', 'notReported', '200-500', '500-2000', '', 'after order', ''],
      ['marketOperator', 'notReported', '200-500', '500-2000', '', 'after order', ''],
    ]);
  });

  it('permit validity, endorsement, renewal, cancellation and fees (section 4)', () => {
    const liaoning = packById('liaoning').permit!;
    expect(liaoning.validity!.choices).toEqual([1, 2, 3].map((amount) => ({ amount, unit: 'years' })));
    expect(liaoning.fees).toEqual([expect.objectContaining({ services: ['firstIssue', 'change', 'extension', 'replacement', 'renewal'], charge: 'free' })]);
    const dt = packById('datong').permit!;
    expect(dt.validity!.choices).toEqual([{ amount: 5, unit: 'years' }]);
    expect(dt.onePerPerson).toBeDefined();
    expect(dt.endorsement!.missed).toMatchObject({ effect: 'lapsed', residenceYears: 'continuous' });
    expect(dt.cancellation!.returnGrace.within).toEqual({ amount: 30, unit: 'days' });
    expect(dt.guardianApplies!.allowed).toBe(false);
    expect(dt.refusalNeedsReasons).toBeDefined();
    expect(dt.fees!.map((f) => [f.services, f.charge])).toEqual([
      [['firstIssue', 'renewal'], 'free'],
      [['replacement'], 'cardFee'],
    ]);
    const nat = packById('national').permit!;
    expect(nat.endorsement!.missed).toMatchObject({ effect: 'suspended', residenceYears: 'restartAtEndorsement' });
    expect(nat.guardianApplies!.allowed).toBe(true);
    expect(nat.validity).toBeUndefined();
  });

  it('registration: who, documents (section 2)', () => {
    expect(packById('liaoning').registration!.who).toMatchObject({ scope: 'plansToStay', minimumStay: { amount: 1, unit: 'months' } });
    expect(packById('xinjiang').registration!.who).toMatchObject({ scope: 'leftHukouCounty', excludes: ['sameCityDistrictMove'] });
    expect(packById('xinjiang').registration!.documents!.items).toContain('residenceProof');
    expect(packById('datong').registration!.who).toMatchObject({ scope: 'plansToStay', minimumStay: { amount: 10, unit: 'days' } });
    expect(packById('ningxia').registration!.who).toMatchObject({ scope: 'nonLocalOrCrossCounty', excludes: ['sameCityDistrictMove'] });
    expect(packById('national').registration!.deadline).toBeUndefined();
    expect(packById('ningxia').registration!.deadline).toBeUndefined();
  });

  it.each([
    ['national', undefined, ['citizenId', 'photo', 'residenceProof', 'employmentProof', 'studyProof']],
    ['liaoning', ['citizenId'], ['citizenId', 'lease', 'residenceProof']],
    ['xinjiang', ['citizenId', 'residenceProof'], ['citizenId', 'residenceProof']],
    ['datong', ['citizenId', 'householdRegister'], ['citizenId', 'photo', 'leaseFilingCertificate', 'lodgingLetter']],
    ['ningxia', ['citizenId'], ['citizenId', 'photo', 'residenceProof', 'employmentProof', 'studyProof']],
  ] as const)('%s: documents to register and to apply for the permit', (id, registration, permit) => {
    expect(packById(id).registration?.documents?.items).toEqual(registration);
    expect(packById(id).permit!.documents!.items).toEqual(permit);
  });

  it.each([
    ['national', []],
    ['liaoning', []],
    ['xinjiang', ['landlord:houseSafe', 'landlord:basicHousingStandard', 'landlord:checkTenantId', 'landlord:reportCrime', 'landlord:urgeRegistration', 'tenant:tenantShowId', 'tenant:tenantReportOccupantChange', 'employer:urgeRegistration', 'agency:keepLedger', 'agency:urgeRegistration']],
    ['datong', ['landlord:urgeRegistration', 'agency:urgeRegistration', 'market:urgeRegistration']],
    ['ningxia', ['landlord:urgeRegistration', 'agency:urgeRegistration', 'market:urgeRegistration']],
  ] as const)('%s: duties without a period', (id, expected) => {
    const pack = packById(id);
    const duties = (['landlord', 'tenant', 'employer', 'agency', 'market'] as const).flatMap((party) =>
      (pack[party]?.duties ?? []).flatMap((d) => d.duties.map((duty) => `${party}:${duty}`)),
    );
    expect(duties).toEqual(expected);
  });

  it('landlord conditions and agency ledgers (section 3)', () => {
    const duties = (id: (typeof PACK_IDS)[number], party: 'landlord' | 'tenant' | 'agency') =>
      (packById(id)[party]?.duties ?? []).flatMap((d) => d.duties);
    expect(duties('xinjiang', 'landlord')).toEqual(expect.arrayContaining(['houseSafe', 'basicHousingStandard', 'checkTenantId']));
    expect(duties('xinjiang', 'tenant')).toEqual(['tenantShowId', 'tenantReportOccupantChange']);
    expect(duties('xinjiang', 'agency')).toContain('keepLedger');
  });

  it('entitlements named in section 6 are in their packs', () => {
    const services = (id: (typeof PACK_IDS)[number]) => packById(id).entitlements!.map((e) => e.service);
    expect(services('national')).toEqual(
      expect.arrayContaining([
        'compulsoryEducation', 'publicEmploymentServices', 'publicHealthAndFamilyPlanning', 'publicCultureAndSport', 'legalAid',
        'exitEntryDocuments', 'idCardReplacement', 'vehicleRegistration', 'drivingLicence', 'professionalQualificationExams', 'birthRegistration',
      ]),
    );
    expect(services('liaoning')).toEqual(
      expect.arrayContaining([
        'socialInsurance', 'publicRentalHousing', 'drivingLicence', 'vehicleRegistration', 'hkMacauBusinessEndorsement', 'businessAndTaxRegistration',
        'professionalTitles', 'seniorHighAndExams', 'communityAffairs', 'mediationAndLegalAid', 'livingAndNoCriminalRecordCertificates',
        'familyPlanningEducation', 'prePregnancyAdvice', 'contraceptivesAndProcedures', 'antenatalAndDelivery', 'childVaccination', 'infectiousDiseaseControl',
      ]),
    );
    expect(services('datong')).toEqual(
      expect.arrayContaining([
        'jobSeekerServices', 'professionalTitles', 'contraceptivesAndProcedures', 'birthRegistration', 'childVaccination', 'hkMacauBusinessEndorsement',
        'drivingLicence', 'publicTransportDiscount', 'talentAndPatentSubsidies', 'schoolPlacement', 'hukouTransfer', 'temporaryRelief', 'legalAid',
      ]),
    );
    expect(services('xinjiang')).toEqual(
      expect.arrayContaining(['publicEmploymentServices', 'vocationalTraining', 'childVaccination', 'temporaryRelief', 'publicRentalHousing', 'compulsoryEducation', 'legalAid']),
    );
    expect(services('ningxia')).toEqual(
      expect.arrayContaining(['publicRentalHousing', 'voterRegistration', 'seniorCard', 'vocationalSchoolAdmission', 'localEntranceExams', 'childVaccination', 'temporaryRelief', 'compulsoryEducation', 'legalAid']),
    );
    const voters = packById('ningxia').entitlements!.find((e) => e.service === 'voterRegistration')!;
    expect(voters.conditions).toEqual([{ kind: 'residence', atLeast: { amount: 1, unit: 'years' } }]);
  });
});

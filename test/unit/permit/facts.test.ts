/** The engine's facts from what the portal holds: stay bands against the packs, job/home/study, the residence years, children. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '#shared/policy/conditions';
import { packById } from '#shared/policy/registry';
import { PACK_IDS, personFacts as personFactsSchema, type Condition } from '#shared/policy/schema';
import { childFacts, INTENDED_STAY_DAYS, personFacts, type FactSources, type KnownResidence } from '#shared/permit/facts';
import { PERMIT_STATUSES } from '#shared/permit/lifecycle';
import {
  EMPLOYMENT_STATUSES,
  HOUSING_TYPES,
  INTENDED_STAYS,
  RESIDENCE_REASONS,
  type EmploymentStatus,
  type IntendedStay,
} from '#shared/residence/vocabulary';

const residence = (more: Partial<KnownResidence> = {}): KnownResidence => ({
  moveInDate: '2026-01-10',
  intendedStay: 'from6Months',
  reason: 'work',
  housing: 'rented',
  ...more,
});

const sources = (more: Partial<FactSources> = {}): FactSources => ({
  asOf: '2026-11-22',
  person: { birthDate: '1990-03-07', employment: 'employed' },
  residence: residence(),
  ...more,
});

/** Every `plannedStay` condition of a pack's permit eligibility, however deeply nested. */
function plannedStays(condition: Condition): Condition[] {
  if (condition.kind === 'plannedStay') return [condition];
  if (condition.kind === 'anyOf' || condition.kind === 'allOf') return condition.conditions.flatMap(plannedStays);
  return [];
}

const stayRules = PACK_IDS.flatMap((packId) =>
  (packById(packId).permit?.eligibility?.conditions ?? [])
    .flatMap(({ condition }) => plannedStays(condition))
    .map((condition) => ({ packId, condition })),
);

/** A band means "this long or more": from 30 days on it meets 30 days and a month, whichever month it starts in. */
const MEETS_A_MONTH: Record<IntendedStay, boolean> = {
  under10Days: false,
  from10Days: false,
  from30Days: true,
  from6Months: true,
  from1Year: true,
};

/** Move-in days whose following month is 28, 29, 30 or 31 days away, including month ends with no corresponding day. */
const MOVE_IN_DAYS = [
  ['February 2026 (28 days)', '2026-02-10'],
  ['February 2028 (29 days)', '2028-02-10'],
  ['April (30 days)', '2026-04-10'],
  ['January (31 days)', '2026-01-10'],
  ['31 January, to the end of February', '2026-01-31'],
  ['31 January of a leap year', '2028-01-31'],
  ['31 March, to the end of April', '2026-03-31'],
  ['31 December, across the year', '2026-12-31'],
] as const;

describe('intended stay bands against the packs’ planned-stay conditions', () => {
  it('the packs that set one are found (Datong 30 days, Liaoning a month, Xinjiang 30 days)', () => {
    expect(stayRules.map(({ packId, condition }) => [packId, condition])).toEqual(
      expect.arrayContaining([
        ['datong', expect.objectContaining({ atLeast: { amount: 30, unit: 'days' } })],
        ['liaoning', expect.objectContaining({ atLeast: { amount: 1, unit: 'months' } })],
        ['xinjiang', expect.objectContaining({ atLeast: { amount: 30, unit: 'days' } })],
      ]),
    );
  });

  const table = stayRules.flatMap(({ packId, condition }) =>
    MOVE_IN_DAYS.flatMap(([month, moveInDate]) =>
      INTENDED_STAYS.map((band) => [`${packId}: ${band}, moving in ${month}`, condition, moveInDate, band] as const),
    ),
  );

  it.each(table)('%s', (_, condition, moveInDate, band) => {
    const facts = personFacts(sources({ asOf: moveInDate, residence: residence({ moveInDate, intendedStay: band }) }));
    expect(facts.plannedStayDays).toBe(INTENDED_STAY_DAYS[band]);
    expect(evaluate(condition, facts).status).toBe(MEETS_A_MONTH[band] ? 'met' : 'unmet');
  });
});

describe('profile and residence as yes/no facts', () => {
  it.each<[EmploymentStatus, boolean | undefined, boolean | undefined]>([
    ['employed', true, undefined],
    ['selfEmployed', true, undefined],
    // Flexible work and "other" are for the office to judge: left unknown, the engine asks.
    ['flexible', undefined, undefined],
    ['other', undefined, undefined],
    ['unemployed', false, undefined],
    ['retired', false, undefined],
    ['student', false, true],
  ])('employment %s → stableJob %s, continuousStudy %s', (employment, stableJob, continuousStudy) => {
    const facts = personFacts(sources({ person: { birthDate: '1990-03-07', employment } }));
    expect(facts.stableJob).toBe(stableJob);
    expect(facts.continuousStudy).toBe(continuousStudy);
  });

  it('covers every employment status', () => {
    for (const employment of EMPLOYMENT_STATUSES) {
      expect(() => personFacts(sources({ person: { birthDate: '1990-03-07', employment } }))).not.toThrow();
    }
  });

  it.each(
    HOUSING_TYPES.map((housing) => [
      housing,
      { own: true, rented: true, employerDormitory: true, relatives: undefined }[housing],
      housing === 'own' ? true : undefined,
    ]),
  )('housing %s → stableHome %s, homeOwned %s', (housing, stableHome, homeOwned) => {
    const facts = personFacts(sources({ residence: residence({ housing }) }));
    expect(facts.stableHome).toBe(stableHome);
    expect(facts.homeOwned).toBe(homeOwned);
  });

  it.each(RESIDENCE_REASONS.map((reason) => [reason]))('reason %s → stay purpose, and study counts as continuous study', (reason) => {
    const facts = personFacts(sources({ person: { birthDate: '1990-03-07', employment: 'unemployed' }, residence: residence({ reason }) }));
    expect(facts.stayPurpose).toBe(reason);
    expect(facts.continuousStudy).toBe(reason === 'study' ? true : undefined);
  });

  it('without a registered residence nothing about it is known', () => {
    const { residence: _, ...rest } = sources();
    const facts = personFacts(rest);
    for (const fact of ['residenceStart', 'plannedStayDays', 'stayPurpose', 'stableHome', 'homeOwned'] as const) {
      expect(facts[fact]).toBeUndefined();
    }
    expect(facts.stableJob).toBe(true);
  });

  it('the permit as the engine sees it', () => {
    expect(personFacts(sources()).permit).toBe('none');
    expect(personFacts(sources({ applying: true })).permit).toBe('applied');
    for (const status of PERMIT_STATUSES) expect(personFacts(sources({ permit: { status } })).permit).toBe(status);
  });

  it('every answer is a valid set of facts for the engine', () => {
    for (const employment of EMPLOYMENT_STATUSES) {
      for (const housing of HOUSING_TYPES) {
        const facts = personFacts(sources({ person: { birthDate: '1990-03-07', employment }, residence: residence({ housing }), children: [{ birthDate: '2020-09-01' }] }));
        expect(personFactsSchema.safeParse(facts).success).toBe(true);
      }
    }
  });
});

describe('residence years after a late endorsement', () => {
  it.each([
    ['no restart: from the move-in day', undefined, '2025-01-01'],
    ['a restart after moving in moves the start forward', '2026-03-01', '2026-03-01'],
    ['a restart dated before moving in does not move it back', '2024-06-01', '2025-01-01'],
    ['a restart on the move-in day', '2025-01-01', '2025-01-01'],
  ])('%s', (_, yearsRestartedOn, expected) => {
    const facts = personFacts(
      sources({
        residence: residence({ moveInDate: '2025-01-01' }),
        permit: { status: 'valid', ...(yearsRestartedOn ? { yearsRestartedOn } : {}) },
      }),
    );
    expect(facts.residenceStart).toBe(expected);
  });
});

describe('a child’s facts', () => {
  const child = { birthDate: '2020-09-01' };

  it.each(EMPLOYMENT_STATUSES.flatMap((employment) => RESIDENCE_REASONS.map((reason) => [employment, reason] as const)))(
    'never carry the guardian’s job or study (guardian %s, here for %s)',
    (employment, reason) => {
      const guardian = sources({ person: { birthDate: '1990-03-07', employment }, residence: residence({ reason }), permit: { status: 'valid' } });
      const facts = childFacts(guardian, child);
      expect(facts.stableJob).toBeUndefined();
      expect(facts.continuousStudy).toBeUndefined();
      expect(facts.birthDate).toBe(child.birthDate);
      expect(facts.children).toEqual([child]);
    },
  );

  it('share the guardian’s residence and, for school places, the guardian’s permit', () => {
    const guardian = sources({ residence: residence({ housing: 'own', moveInDate: '2025-05-01' }), permit: { status: 'valid' } });
    expect(childFacts(guardian, child)).toMatchObject({
      asOf: guardian.asOf,
      residenceStart: '2025-05-01',
      stableHome: true,
      homeOwned: true,
      permit: 'valid',
    });
    expect(childFacts({ ...guardian, permit: { status: 'suspended' } }, child).permit).toBe('suspended');
  });
});

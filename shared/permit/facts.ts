/**
 * The facts the policy engine decides on, read from what the portal holds about a person: the
 * real-name profile, the registered residence, the permit and the accompanying children. Anything
 * the portal does not know (social-insurance months, a registered lease) stays absent, so the engine
 * reports it as missing information instead of guessing.
 */
import type { PersonFacts } from '#shared/policy/schema';
import type { PermitState, StayPurpose } from '#shared/policy/vocabulary';
import type { EmploymentStatus, HousingType, IntendedStay, ResidenceReason } from '#shared/residence/vocabulary';
import type { PermitStatus } from './lifecycle.ts';

/**
 * The declaration's stay bands as days, for the packs' `plannedStay` conditions. A band stands for
 * the longest length its name can mean, so "30 days or more" meets "a month or more" (Liaoning's
 * 居住一个月以上) in every month, and "6 months or more" meets half a year from any date.
 */
export const INTENDED_STAY_DAYS: Record<IntendedStay, number> = {
  under10Days: 0,
  from10Days: 10,
  from30Days: 31,
  from6Months: 184,
  from1Year: 366,
};

const STAY_PURPOSE_OF_REASON: Record<ResidenceReason, StayPurpose> = {
  work: 'work',
  business: 'business',
  study: 'study',
  family: 'family',
  other: 'other',
};

/** A lawful stable job (合法稳定就业): employed or self-employed; flexible work is for the office to judge. */
const STABLE_JOB: Record<EmploymentStatus, boolean | undefined> = {
  employed: true,
  selfEmployed: true,
  flexible: undefined,
  unemployed: false,
  student: false,
  retired: false,
  other: undefined,
};

/** A lawful stable home (合法稳定住所): owned, rented or an employer's dormitory; lodging with relatives needs a lodging letter the office checks. */
const STABLE_HOME: Record<HousingType, boolean | undefined> = {
  own: true,
  rented: true,
  employerDormitory: true,
  relatives: undefined,
};

export interface KnownPerson {
  birthDate: string;
  employment?: EmploymentStatus;
}

export interface KnownResidence {
  moveInDate: string;
  intendedStay: IntendedStay;
  reason: ResidenceReason;
  housing: HousingType;
}

export interface KnownPermit {
  status: PermitStatus;
  /** Where the pack restarts residence years after a late endorsement, the date they restart from. */
  yearsRestartedOn?: string;
}

/** The permit as the engine's `permit` condition sees it. */
export function permitState(permit: KnownPermit | undefined, applying: boolean): PermitState {
  if (permit) return permit.status;
  return applying ? 'applied' : 'none';
}

export interface FactSources {
  asOf: string;
  person: KnownPerson;
  /** The registered residence (居住登记), if any. */
  residence?: KnownResidence;
  permit?: KnownPermit;
  /** An application is in progress. */
  applying?: boolean;
  children?: { birthDate: string }[];
}

export function personFacts({ asOf, person, residence, permit, applying = false, children }: FactSources): PersonFacts {
  const facts: PersonFacts = { asOf, birthDate: person.birthDate, permit: permitState(permit, applying) };
  if (children) facts.children = children.map(({ birthDate }) => ({ birthDate }));
  const job = person.employment ? STABLE_JOB[person.employment] : undefined;
  if (job !== undefined) facts.stableJob = job;
  if (person.employment === 'student') facts.continuousStudy = true;
  if (residence) {
    const restarted = permit?.yearsRestartedOn;
    facts.residenceStart = restarted && restarted > residence.moveInDate ? restarted : residence.moveInDate;
    facts.plannedStayDays = INTENDED_STAY_DAYS[residence.intendedStay];
    facts.stayPurpose = STAY_PURPOSE_OF_REASON[residence.reason];
    if (residence.reason === 'study') facts.continuousStudy = true;
    const home = STABLE_HOME[residence.housing];
    if (home !== undefined) facts.stableHome = home;
    if (residence.housing === 'own') facts.homeOwned = true;
  }
  return facts;
}

/**
 * A child's facts: their own birth date and the guardian's residence. For the child's own permit
 * application pass `own` (the child's permit, if any); for the entitlements a child has through the
 * guardian (school places), leave it out and the guardian's permit counts.
 */
export function childFacts(guardian: FactSources, child: { birthDate: string }, own?: { permit?: KnownPermit; applying?: boolean }): PersonFacts {
  const { stableJob: _job, continuousStudy: _study, ...facts } = personFacts({ ...guardian, person: { birthDate: child.birthDate } });
  return {
    ...facts,
    ...(own ? { permit: permitState(own.permit, own.applying ?? false) } : {}),
    children: [{ birthDate: child.birthDate }],
  };
}

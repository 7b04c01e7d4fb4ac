/**
 * The shape of a jurisdiction policy pack. Every rule is data with a citation, so an officer can
 * review a pack line by line against the regulation; the engine reads packs and knows no region.
 * Packs are validated with these schemas when they are loaded; an unknown unit, code or a missing
 * citation is an error, never a default.
 */
import * as z from 'zod';
import { SOURCE_IDS } from './sources.ts';
import {
  DOCUMENTS,
  DURATION_UNITS,
  DUTIES,
  ENTITLEMENT_AREAS,
  EVENTS,
  OFFENCES,
  OFFICES,
  PARTIES,
  PERMIT_SERVICES,
  PERMIT_STATES,
  REGISTRATION_EXCLUSIONS,
  REGISTRATION_SCOPES,
  SERVICES,
  STATUS_FACTS,
  STAY_PURPOSES,
} from './vocabulary.ts';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.isoDate');

export const citation = z
  .object({
    source: z.enum(SOURCE_IDS),
    /** As the regulation numbers it: 第十条, 第18项, 第二十条第二款. */
    article: z.string().min(1),
    /** Copied verbatim from the regulation text. */
    quote: z.string().min(4),
  })
  .strict();
export type Citation = z.infer<typeof citation>;

export const duration = z
  .object({
    amount: z.number().int().positive(),
    unit: z.enum(DURATION_UNITS),
  })
  .strict();
export type Duration = z.infer<typeof duration>;

/**
 * A time rule. `after`: act within a period counted from an event (the usual "within 7 days of
 * arrival"). `at`: act when the event happens (by the end of that day). `before`: act no later than
 * a lead time before an event (renew 30 days before expiry). `window`: act inside a window that
 * opens a period before an event and closes at it (endorse within the month before each full year).
 */
export const timeRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('after'), within: duration, from: z.enum(EVENTS), citation }).strict(),
  z.object({ kind: z.literal('at'), event: z.enum(EVENTS), citation }).strict(),
  z.object({ kind: z.literal('before'), atLeast: duration, event: z.enum(EVENTS), citation }).strict(),
  z.object({ kind: z.literal('window'), opens: duration, event: z.enum(EVENTS), citation }).strict(),
]);
export type TimeRule = z.infer<typeof timeRule>;

export const dutyRule = z.object({ duties: z.array(z.enum(DUTIES)).min(1), citation }).strict();
export type DutyRule = z.infer<typeof dutyRule>;

export const documentsRule = z.object({ items: z.array(z.enum(DOCUMENTS)).min(1), citation }).strict();

/** A note that a rule exists and what it says, for rules with no number (refusals need reasons). */
export const statementRule = z.object({ citation }).strict();

type ConditionShape =
  | { kind: 'permit'; citation?: Citation }
  | { kind: 'age'; atLeast?: number; below?: number; citation?: Citation }
  | { kind: 'residence'; atLeast: Duration; citation?: Citation }
  | { kind: 'plannedStay'; atLeast: Duration; citation?: Citation }
  | { kind: 'purposeIn'; purposes: (typeof STAY_PURPOSES)[number][]; citation?: Citation }
  | { kind: 'socialInsurance'; atLeastMonths: number; citation?: Citation }
  | { kind: 'child'; atLeastAge?: number; belowAge?: number; citation?: Citation }
  | { kind: 'fact'; fact: (typeof STATUS_FACTS)[number]; citation?: Citation }
  | { kind: 'decidedByOffice'; citation?: Citation }
  | { kind: 'anyOf'; conditions: ConditionShape[]; citation?: Citation }
  | { kind: 'allOf'; conditions: ConditionShape[]; citation?: Citation };

/**
 * A condition on a person. `decidedByOffice` marks a condition the regulation leaves to the local
 * office (e.g. "some years of residence" without a number): the engine never invents the number and
 * reports it as information the office must supply.
 */
export const condition: z.ZodType<ConditionShape> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('permit'), citation: citation.optional() }).strict(),
    z
      .object({
        kind: z.literal('age'),
        atLeast: z.number().int().positive().optional(),
        below: z.number().int().positive().optional(),
        citation: citation.optional(),
      })
      .strict()
      .refine((c) => c.atLeast !== undefined || c.below !== undefined, 'validation.ageBound'),
    z.object({ kind: z.literal('residence'), atLeast: duration, citation: citation.optional() }).strict(),
    z.object({ kind: z.literal('plannedStay'), atLeast: duration, citation: citation.optional() }).strict(),
    z
      .object({
        kind: z.literal('purposeIn'),
        purposes: z.array(z.enum(STAY_PURPOSES)).min(1),
        citation: citation.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('socialInsurance'),
        atLeastMonths: z.number().int().positive(),
        citation: citation.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('child'),
        atLeastAge: z.number().int().nonnegative().optional(),
        belowAge: z.number().int().positive().optional(),
        citation: citation.optional(),
      })
      .strict(),
    z.object({ kind: z.literal('fact'), fact: z.enum(STATUS_FACTS), citation: citation.optional() }).strict(),
    z.object({ kind: z.literal('decidedByOffice'), citation: citation.optional() }).strict(),
    z.object({ kind: z.literal('anyOf'), conditions: z.array(condition).min(2), citation: citation.optional() }).strict(),
    z.object({ kind: z.literal('allOf'), conditions: z.array(condition).min(2), citation: citation.optional() }).strict(),
  ]),
);
export type Condition = ConditionShape;

/** A condition that carries its own citation, as eligibility rules do. */
export const citedCondition = z.object({ condition, citation }).strict();

export const registrationSection = z
  .object({
    who: z
      .object({
        scope: z.enum(REGISTRATION_SCOPES),
        minimumStay: duration.optional(),
        maximumStay: duration.optional(),
        excludes: z.array(z.enum(REGISTRATION_EXCLUSIONS)).optional(),
        citation,
      })
      .strict()
      .optional(),
    deadline: timeRule.optional(),
    changeDeadline: timeRule.optional(),
    documents: documentsRule.optional(),
  })
  .strict();

const thirdParty = {
  registerWithin: timeRule.optional(),
  duties: z.array(dutyRule).optional(),
};

export const landlordSection = z
  .object({ ...thirdParty, reportMoveIn: timeRule.optional(), reportMoveOut: timeRule.optional() })
  .strict();
export const tenantSection = z.object({ duties: z.array(dutyRule).optional() }).strict();
export const employerSection = z
  .object({ ...thirdParty, reportHire: timeRule.optional(), reportTermination: timeRule.optional() })
  .strict();
export const agencySection = z.object({ ...thirdParty, reportPlacement: timeRule.optional() }).strict();
export const marketSection = z.object({ ...thirdParty, reportArrival: timeRule.optional() }).strict();
export const institutionSection = z.object({ reportRegistration: timeRule.optional() }).strict();

export const permitSection = z
  .object({
    eligibility: z
      .object({
        conditions: z.array(citedCondition).min(1),
        /** People who need not apply but may if they wish (Liaoning: students, under-16s). */
        voluntary: z.array(citedCondition).optional(),
      })
      .strict()
      .optional(),
    /** The permit is applied for together with the residence registration. */
    withRegistration: statementRule.optional(),
    /** Whether a guardian applies for a child under 16 (national: may; Datong: children only register). */
    guardianApplies: z.object({ allowed: z.boolean(), citation }).strict().optional(),
    documents: documentsRule.optional(),
    issueWithin: timeRule.optional(),
    remoteIssueWithin: timeRule.optional(),
    refusalNeedsReasons: statementRule.optional(),
    validity: z
      .object({ choices: z.array(duration).min(1), citation })
      .strict()
      .optional(),
    onePerPerson: statementRule.optional(),
    endorsement: z
      .object({
        every: duration,
        windowBefore: timeRule,
        missed: z
          .object({
            effect: z.enum(['suspended', 'lapsed']),
            residenceYears: z.enum(['restartAtEndorsement', 'continuous']),
            citation,
          })
          .strict(),
        citation,
      })
      .strict()
      .optional(),
    renewBefore: timeRule.optional(),
    cancellation: z
      .object({
        beforeLeaving: timeRule,
        returnGrace: z.object({ within: duration, citation }).strict(),
      })
      .strict()
      .optional(),
    fees: z
      .array(
        z
          .object({
            services: z.array(z.enum(PERMIT_SERVICES)).min(1),
            charge: z.enum(['free', 'cardFee']),
            citation,
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

const amountRange = z
  .object({ min: z.number().int().positive(), max: z.number().int().positive() })
  .strict()
  .refine((r) => r.min <= r.max, 'validation.rangeOrder');

export const fineRule = z
  .object({
    party: z.enum(PARTIES),
    offence: z.enum(OFFENCES),
    /** Absent when the only sanction is a credit record or an order to correct. */
    amount: amountRange.optional(),
    serious: amountRange.optional(),
    perPerson: z.boolean().default(false),
    afterOrderToCorrect: z.boolean(),
    creditRecord: z.boolean().default(false),
    citation,
  })
  .strict();
export type FineRule = z.infer<typeof fineRule>;

export const entitlement = z
  .object({
    /** Stable within the pack family: a local pack replaces a national entitlement with the same id. */
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    area: z.enum(ENTITLEMENT_AREAS),
    service: z.enum(SERVICES),
    conditions: z.array(condition),
    apply: z.object({ where: z.enum(OFFICES), bring: z.array(z.enum(DOCUMENTS)) }).strict(),
    citation,
  })
  .strict();
export type Entitlement = z.infer<typeof entitlement>;

export const PACK_IDS = ['national', 'liaoning', 'xinjiang', 'datong', 'ningxia'] as const;
export type PackId = (typeof PACK_IDS)[number];

export const policyPack = z
  .object({
    id: z.enum(PACK_IDS),
    extends: z.enum(PACK_IDS).optional(),
    /** GB/T 2260 division-code prefixes this pack governs; the national pack governs the rest. */
    divisionPrefixes: z.array(z.string().regex(/^\d{2}(\d{2}){0,2}$/)),
    sources: z.array(z.enum(SOURCE_IDS)).min(1),
    registration: registrationSection.optional(),
    landlord: landlordSection.optional(),
    tenant: tenantSection.optional(),
    employer: employerSection.optional(),
    agency: agencySection.optional(),
    market: marketSection.optional(),
    institution: institutionSection.optional(),
    permit: permitSection.optional(),
    fines: z.array(fineRule).optional(),
    entitlements: z.array(entitlement).optional(),
  })
  .strict();
export type PolicyPackInput = z.input<typeof policyPack>;
export type PolicyPack = z.infer<typeof policyPack>;

/** Facts about a person the engine decides on; anything absent is "missing information". */
export const personFacts = z
  .object({
    asOf: isoDate,
    birthDate: isoDate.optional(),
    residenceStart: isoDate.optional(),
    plannedStayDays: z.number().int().nonnegative().optional(),
    stayPurpose: z.enum(STAY_PURPOSES).optional(),
    permit: z.enum(PERMIT_STATES).optional(),
    socialInsuranceMonths: z.number().int().nonnegative().optional(),
    /** Accompanying children (随行子女); an empty list means none. */
    children: z.array(z.object({ birthDate: isoDate }).strict()).optional(),
    ...Object.fromEntries(STATUS_FACTS.map((fact) => [fact, z.boolean().optional()])),
  })
  .strict();
export type PersonFacts = {
  asOf: string;
  birthDate?: string;
  residenceStart?: string;
  plannedStayDays?: number;
  stayPurpose?: (typeof STAY_PURPOSES)[number];
  permit?: (typeof PERMIT_STATES)[number];
  socialInsuranceMonths?: number;
  children?: { birthDate: string }[];
} & Partial<Record<(typeof STATUS_FACTS)[number], boolean>>;

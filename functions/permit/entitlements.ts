/**
 * 我的权益: what the holder's pack entitles the holder and each accompanying child to, decided by
 * the policy engine on the facts the portal holds. A "what if" changes the facts, never the rules:
 * another day (`asOf`: when my child turns 6) or a valid permit (`permitValid`: once I renew).
 */
import type { EntitlementView } from '#shared/api/permit';
import { addYears, type IsoDate } from '#shared/policy/civil-time';
import { entitlementsFor, type EntitlementDecision } from '#shared/policy/decisions';
import type { Translate } from '#shared/policy/explain';
import { packById, packForDivision } from '#shared/policy/registry';
import type { Condition, Entitlement, PackId, PolicyPack } from '#shared/policy/schema';
import { ENTITLEMENT_AREAS, type EntitlementArea } from '#shared/policy/vocabulary';
import { childFacts, personFacts, type FactSources, type KnownPermit } from '#shared/permit/facts';
import { sweep } from '#shared/permit/schedule';
import { ApiError } from '#functions/commons/errors';
import type { PermitItem } from './items.ts';
import type { PersonRecord } from './records.ts';

/** A what-if looks this far ahead (or back) at most: a child's school years, not a time machine. */
export const AS_OF_RANGE_YEARS = 20;

export const ASSUMPTIONS = ['permitValid'] as const;
export type Assumption = (typeof ASSUMPTIONS)[number];

export interface EntitlementQuestion {
  /** The day to decide on (today, or a what-if day checked by `whatIfDay`). */
  asOf: IsoDate;
  assume?: Assumption | undefined;
}

/** What the entitlements are decided on: the profile, the registered residence, the children and the permits. */
export type EntitlementRecord = Pick<PersonRecord, 'profile' | 'residence' | 'children' | 'permits'>;

export interface EntitlementGroup {
  area: EntitlementArea;
  items: EntitlementView[];
}

export interface PersonEntitlements {
  who: 'self' | string;
  name: string;
  groups: EntitlementGroup[];
}

export interface EntitlementsAnswer {
  packId: PackId | null;
  asOf: IsoDate;
  assumed: Assumption[];
  people: PersonEntitlements[];
}

/** Whether a condition asks about a child anywhere inside it. */
function asksAboutChild(condition: Condition): boolean {
  if (condition.kind === 'child') return true;
  if (condition.kind === 'anyOf' || condition.kind === 'allOf') return condition.conditions.some(asksAboutChild);
  return false;
}

/** An entitlement a child has (through the guardian): one with a `child` condition anywhere in it. */
export const isChildEntitlement = (entitlement: Entitlement): boolean => entitlement.conditions.some(asksAboutChild);

/** The pack with only the holder's entitlements, or only the children's. */
const packFor = (pack: PolicyPack, children: boolean): PolicyPack => ({
  ...pack,
  entitlements: (pack.entitlements ?? []).filter((e) => isChildEntitlement(e) === children),
});

function entitlementView(decision: EntitlementDecision): EntitlementView {
  const { entitlement } = decision;
  return {
    id: entitlement.id,
    area: entitlement.area,
    service: entitlement.service,
    status: decision.status,
    ...(decision.on ? { on: decision.on } : {}),
    ...(decision.missing ? { missing: decision.missing } : {}),
    reason: decision.reason!,
    apply: entitlement.apply,
    citation: entitlement.citation,
  };
}

/** By area, in the order of ENTITLEMENT_AREAS, each area in the pack's order; empty areas left out. */
export function groupByArea(decisions: EntitlementDecision[]): EntitlementGroup[] {
  return ENTITLEMENT_AREAS.map((area) => ({
    area,
    items: decisions.filter((d) => d.entitlement.area === area).map(entitlementView),
  })).filter((group) => group.items.length > 0);
}

export interface Household {
  name: string;
  children: { id: string; name: string; birthDate: IsoDate }[];
}

/**
 * The holder gets every entitlement without a child condition, decided on the holder's facts; each
 * child every entitlement with one, decided on the child's facts (the guardian's residence and permit).
 */
export function decideForHousehold(pack: PolicyPack, sources: FactSources, household: Household, t: Translate): PersonEntitlements[] {
  const own = packFor(pack, false);
  const theirs = packFor(pack, true);
  return [
    { who: 'self', name: household.name, groups: groupByArea(entitlementsFor(own, personFacts(sources), t)) },
    ...household.children.map((child) => ({
      who: child.id,
      name: child.name,
      groups: groupByArea(entitlementsFor(theirs, childFacts(sources, { birthDate: child.birthDate }), t)),
    })),
  ];
}

/**
 * The holder's permit as it will stand on `asOf` if nothing is done meanwhile: the daily job's
 * rules decide (a missed endorsement suspends, the validity ends, a reported departure cancels).
 * A day before today keeps the permit as it stands: its history is not replayed.
 */
export function permitOn(permit: PermitItem, asOf: IsoDate, today: IsoDate): KnownPermit {
  const status = asOf >= today ? sweep(packById(permit.packId), permit, asOf).clock.status : permit.status;
  return { status, ...(permit.yearsRestartedOn ? { yearsRestartedOn: permit.yearsRestartedOn } : {}) };
}

/** The asOf of a what-if, checked to lie within AS_OF_RANGE_YEARS of today. */
export function whatIfDay(asOf: IsoDate | undefined, today: IsoDate): IsoDate {
  if (!asOf) return today;
  if (asOf > addYears(today, AS_OF_RANGE_YEARS) || asOf < addYears(today, -AS_OF_RANGE_YEARS)) {
    const values = { years: AS_OF_RANGE_YEARS };
    throw new ApiError(422, 'as_of_out_of_range', values, [{ path: 'asOf', key: 'validation.asOfRange', values }]);
  }
  return asOf;
}

/** Everything the person's record says, and the question asked of it, as the engine's fact sources. */
export function factSourcesOf(
  record: EntitlementRecord,
  asOf: IsoDate,
  today: IsoDate,
  assume: Assumption | undefined,
): FactSources | undefined {
  const { profile, residence } = record;
  if (!profile || !residence) return undefined;
  const stored = record.permits.get('self');
  const permit: KnownPermit | undefined =
    assume === 'permitValid'
      ? { status: 'valid', ...(stored?.yearsRestartedOn ? { yearsRestartedOn: stored.yearsRestartedOn } : {}) }
      : stored && permitOn(stored, asOf, today);
  return {
    asOf,
    person: { birthDate: profile.birthDate, employment: profile.employment },
    residence: {
      moveInDate: residence.moveInDate,
      intendedStay: residence.intendedStay,
      reason: residence.reason,
      housing: residence.housing,
    },
    ...(permit ? { permit } : {}),
    children: record.children.map(({ birthDate }) => ({ birthDate })),
  };
}

/**
 * The answer for one person's record. Before a residence is registered there is no pack to decide
 * by (the pack follows the registered street), so nothing is decided and the page asks to declare.
 */
export function entitlementsAnswer(
  record: EntitlementRecord,
  question: EntitlementQuestion,
  today: IsoDate,
  t: Translate,
): EntitlementsAnswer {
  const { asOf } = question;
  const assumed: Assumption[] = question.assume ? [question.assume] : [];
  const sources = factSourcesOf(record, asOf, today, question.assume);
  if (!sources || !record.profile || !record.residence) return { packId: null, asOf, assumed, people: [] };
  const pack = packForDivision(record.residence.address.division);
  const household: Household = {
    name: record.profile.name,
    children: record.children.map(({ id, name, birthDate }) => ({ id, name, birthDate })),
  };
  return { packId: pack.id, asOf, assumed, people: decideForHousehold(pack, sources, household, t) };
}

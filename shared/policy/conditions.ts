/**
 * Decides a pack condition for a person's facts. Each answer is one of: met; not yet (with the date
 * it becomes true, e.g. when six months of residence are reached); missing information (which
 * facts); or not met. Time-based conditions never guess: a date is only given when it follows from
 * the facts and the pack (a birthday, a residence anniversary).
 */
import { addMonths, addYears, daysBetween, wholeYearsBetween, type IsoDate } from './civil-time.ts';
import { chineseWorkingCalendar } from './calendar.ts';
import { CalendarUse, shiftDate } from './periods.ts';
import type { Citation, Condition, Duration, PersonFacts } from './schema.ts';
import type { StatusFact } from './vocabulary.ts';

/** Facts a condition can find missing; `officeAssessment` is a threshold the office decides. */
export type FactName =
  | 'birthDate'
  | 'residenceStart'
  | 'plannedStayDays'
  | 'stayPurpose'
  | 'permit'
  | 'socialInsuranceMonths'
  | 'children'
  | 'officeAssessment'
  | StatusFact;

export type Outcome =
  | { status: 'met' }
  | { status: 'notYet'; on: IsoDate }
  | { status: 'missing'; facts: FactName[] }
  | { status: 'unmet' };

/** One condition as decided, with the citation it was checked against. */
export interface Check {
  condition: Condition;
  outcome: Outcome;
  citation?: Citation;
}

const met: Outcome = { status: 'met' };
const unmet: Outcome = { status: 'unmet' };
const missing = (...facts: FactName[]): Outcome => ({ status: 'missing', facts });
const notYet = (on: IsoDate): Outcome => ({ status: 'notYet', on });

/** The date a stretch of time that began on `start` is complete. */
function reachedOn(start: IsoDate, period: Duration): IsoDate {
  if (period.unit === 'hours') return start;
  return shiftDate(start, period, 1, new CalendarUse(chineseWorkingCalendar));
}

const unique = <T>(items: T[]) => [...new Set(items)];

/** All must hold: a failed condition decides, then missing facts, then the latest date. */
export function allOf(outcomes: Outcome[]): Outcome {
  if (outcomes.some((o) => o.status === 'unmet')) return unmet;
  const gaps = outcomes.flatMap((o) => (o.status === 'missing' ? o.facts : []));
  if (gaps.length > 0) return missing(...unique(gaps));
  const dates = outcomes.flatMap((o) => (o.status === 'notYet' ? [o.on] : []));
  return dates.length > 0 ? notYet(dates.sort().at(-1)!) : met;
}

/** One must hold: any met decides; a missing fact could still make it hold now; then the earliest date. */
export function anyOf(outcomes: Outcome[]): Outcome {
  if (outcomes.some((o) => o.status === 'met')) return met;
  const gaps = outcomes.flatMap((o) => (o.status === 'missing' ? o.facts : []));
  if (gaps.length > 0) return missing(...unique(gaps));
  const dates = outcomes.flatMap((o) => (o.status === 'notYet' ? [o.on] : []));
  return dates.length > 0 ? notYet(dates.sort()[0]!) : unmet;
}

function childOutcome(condition: Extract<Condition, { kind: 'child' }>, facts: PersonFacts): Outcome {
  if (!facts.children) return missing('children');
  return anyOf([
    unmet,
    ...facts.children.map(({ birthDate }) => {
      if (condition.belowAge !== undefined && wholeYearsBetween(birthDate, facts.asOf) >= condition.belowAge) return unmet;
      if (condition.atLeastAge !== undefined) {
        const birthday = addYears(birthDate, condition.atLeastAge);
        if (birthday > facts.asOf) return notYet(birthday);
      }
      return met;
    }),
  ]);
}

export function evaluate(condition: Condition, facts: PersonFacts): Outcome {
  switch (condition.kind) {
    case 'permit':
      if (facts.permit === undefined) return missing('permit');
      return facts.permit === 'valid' ? met : unmet;
    case 'age': {
      if (!facts.birthDate) return missing('birthDate');
      const outcomes: Outcome[] = [];
      if (condition.below !== undefined) {
        outcomes.push(addYears(facts.birthDate, condition.below) > facts.asOf ? met : unmet);
      }
      if (condition.atLeast !== undefined) {
        const birthday = addYears(facts.birthDate, condition.atLeast);
        outcomes.push(birthday <= facts.asOf ? met : notYet(birthday));
      }
      return allOf(outcomes);
    }
    case 'residence': {
      if (!facts.residenceStart) return missing('residenceStart');
      const on = reachedOn(facts.residenceStart, condition.atLeast);
      return on <= facts.asOf ? met : notYet(on);
    }
    case 'plannedStay': {
      if (facts.plannedStayDays === undefined) return missing('plannedStayDays');
      const from = facts.residenceStart ?? facts.asOf;
      const needed = daysBetween(from, reachedOn(from, condition.atLeast));
      return facts.plannedStayDays >= needed ? met : unmet;
    }
    case 'purposeIn':
      if (!facts.stayPurpose) return missing('stayPurpose');
      return condition.purposes.includes(facts.stayPurpose) ? met : unmet;
    case 'socialInsurance': {
      if (facts.socialInsuranceMonths === undefined) return missing('socialInsuranceMonths');
      const short = condition.atLeastMonths - facts.socialInsuranceMonths;
      // With contributions continuing month by month, the threshold is reached `short` months on.
      return short <= 0 ? met : notYet(addMonths(facts.asOf, short));
    }
    case 'child':
      return childOutcome(condition, facts);
    case 'fact': {
      const value = facts[condition.fact];
      if (value === undefined) return missing(condition.fact);
      return value ? met : unmet;
    }
    case 'decidedByOffice':
      return missing('officeAssessment');
    case 'anyOf':
      return anyOf(condition.conditions.map((c) => evaluate(c, facts)));
    case 'allOf':
      return allOf(condition.conditions.map((c) => evaluate(c, facts)));
  }
}

/** Conditions that all must hold, each checked with its own or the rule's citation. */
export function checkAll(
  conditions: { condition: Condition; citation?: Citation }[],
  facts: PersonFacts,
): { outcome: Outcome; checks: Check[] } {
  const checks = conditions.map(({ condition, citation }) => {
    const check: Check = { condition, outcome: evaluate(condition, facts) };
    const cited = condition.citation ?? citation;
    if (cited) check.citation = cited;
    return check;
  });
  return { outcome: allOf(checks.map((c) => c.outcome)), checks };
}

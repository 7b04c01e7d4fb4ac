/**
 * Puts the engine's answers into words in the user's language, from the `policy` namespace. Used by
 * the web app and the API alike; the translate function is i18next's `t` (or anything like it).
 */
import type { Decision } from './decisions.ts';
import type { FactName } from './conditions.ts';
import type { Condition, Duration, TimeRule } from './schema.ts';

export type Translate = (key: string, values?: Record<string, unknown>) => string;

export const describeDuration = (duration: Duration, t: Translate) =>
  t(`policy:units.${duration.unit}`, { count: duration.amount });

/** A time rule as a phrase: "within 3 working days of arrival", "at least 30 days before expiry". */
export function describeTimeRule(rule: TimeRule, t: Translate): string {
  switch (rule.kind) {
    case 'after':
      return t('policy:timeRules.after', { duration: describeDuration(rule.within, t), event: t(`policy:events.${rule.from}`) });
    case 'at':
      return t('policy:timeRules.at', { event: t(`policy:events.${rule.event}`) });
    case 'before':
      return t('policy:timeRules.before', { duration: describeDuration(rule.atLeast, t), event: t(`policy:events.${rule.event}`) });
    case 'window':
      return t('policy:timeRules.window', { duration: describeDuration(rule.opens, t), event: t(`policy:events.${rule.event}`) });
  }
}

/** A fact as the thing still to find out: "whether you have a lawful, stable job". */
export const describeMissingFact = (fact: FactName, t: Translate) => t(`policy:missingFacts.${fact}`);

const join = (items: string[], t: Translate) => items.join(t('policy:list.separator'));

/** A condition as a requirement: "Aged 16 or over", "One of: a stable job; a stable home". */
export function describeCondition(condition: Condition, t: Translate): string {
  switch (condition.kind) {
    case 'permit':
      return t('policy:conditions.permit');
    case 'age':
      if (condition.atLeast !== undefined && condition.below !== undefined) {
        return t('policy:conditions.ageBetween', { atLeast: condition.atLeast, below: condition.below });
      }
      return condition.atLeast !== undefined
        ? t('policy:conditions.ageAtLeast', { years: condition.atLeast })
        : t('policy:conditions.ageBelow', { years: condition.below });
    case 'residence':
      return t('policy:conditions.residence', { duration: describeDuration(condition.atLeast, t) });
    case 'plannedStay':
      return t('policy:conditions.plannedStay', { duration: describeDuration(condition.atLeast, t) });
    case 'purposeIn':
      return t('policy:conditions.purposeIn', {
        purposes: join(condition.purposes.map((p) => t(`policy:purposes.${p}`)), t),
      });
    case 'socialInsurance':
      return t('policy:conditions.socialInsurance', { months: condition.atLeastMonths });
    case 'child':
      if (condition.atLeastAge !== undefined) return t('policy:conditions.childAtLeast', { years: condition.atLeastAge });
      if (condition.belowAge !== undefined) return t('policy:conditions.childBelow', { years: condition.belowAge });
      return t('policy:conditions.child');
    case 'fact':
      return t(`policy:facts.${condition.fact}`);
    case 'decidedByOffice':
      return t('policy:conditions.decidedByOffice');
    case 'anyOf':
      return t('policy:conditions.anyOf', { conditions: join(condition.conditions.map((c) => describeCondition(c, t)), t) });
    case 'allOf':
      return t('policy:conditions.allOf', { conditions: join(condition.conditions.map((c) => describeCondition(c, t)), t) });
  }
}

/** Why a decision came out as it did, in one sentence. */
export function explainDecision(decision: Decision, t: Translate): string {
  switch (decision.status) {
    case 'eligible':
      return t('policy:decision.eligible');
    case 'notYet':
      return t('policy:decision.notYet', { date: decision.on });
    case 'missing':
      return t('policy:decision.missing', { facts: join((decision.missing ?? []).map((f) => describeMissingFact(f, t)), t) });
    case 'notEligible':
      return t('policy:decision.notEligible', {
        conditions: join((decision.failed ?? []).map((c) => describeCondition(c, t)), t),
      });
  }
}

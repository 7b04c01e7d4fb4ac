/**
 * The engine's two questions about a person: may they apply for the residence permit, and what does
 * the pack entitle them to. Both answer in the same four statuses, with the checks and citations
 * used, so the portal can say why and an officer can check the law behind it.
 */
import type { IsoDate } from './civil-time.ts';
import { checkAll, evaluate, type Check, type FactName, type Outcome } from './conditions.ts';
import { explainDecision, type Translate } from './explain.ts';
import type { Citation, Condition, Entitlement, PersonFacts, PolicyPack } from './schema.ts';

export type DecisionStatus = 'eligible' | 'notYet' | 'missing' | 'notEligible';

export interface Decision {
  status: DecisionStatus;
  /** notYet: the date every condition holds. */
  on?: IsoDate;
  /** missing: the facts that would decide it. */
  missing?: FactName[];
  /** notEligible: the conditions that fail. */
  failed?: Condition[];
  checks: Check[];
  citations: Citation[];
}

function decide(outcome: Outcome, checks: Check[], extraCitations: Citation[] = []): Decision {
  const citations = [...extraCitations, ...checks.flatMap((c) => (c.citation ? [c.citation] : []))];
  const unique = citations.filter(
    (c, i) => citations.findIndex((d) => d.source === c.source && d.article === c.article && d.quote === c.quote) === i,
  );
  const decision: Decision = { status: 'eligible', checks, citations: unique };
  switch (outcome.status) {
    case 'met':
      return decision;
    case 'notYet':
      return { ...decision, status: 'notYet', on: outcome.on };
    case 'missing':
      return { ...decision, status: 'missing', missing: outcome.facts };
    case 'unmet':
      return { ...decision, status: 'notEligible', failed: checks.filter((c) => c.outcome.status === 'unmet').map((c) => c.condition) };
  }
}

export interface PermitEligibility extends Decision {
  /** The person need not apply but may (Liaoning: students and under-16s). */
  optional: boolean;
}

/** Whether the person may apply for the residence permit under this pack; undefined if it sets no conditions. */
export function permitEligibility(pack: PolicyPack, facts: PersonFacts): PermitEligibility | undefined {
  const rules = pack.permit?.eligibility;
  if (!rules) return undefined;
  const { outcome, checks } = checkAll(rules.conditions, facts);
  const optional = (rules.voluntary ?? []).some(({ condition }) => evaluate(condition, facts).status === 'met');
  return { ...decide(outcome, checks), optional };
}

export interface EntitlementDecision extends Decision {
  entitlement: Entitlement;
  /** Why, in the user's language (when a translate function was given). */
  reason?: string;
}

/** Every entitlement of the pack, decided for this person, with the reason in the user's language. */
export function entitlementsFor(pack: PolicyPack, facts: PersonFacts, t?: Translate): EntitlementDecision[] {
  return (pack.entitlements ?? []).map((entitlement) => {
    const { outcome, checks } = checkAll(
      entitlement.conditions.map((condition) => ({ condition })),
      facts,
    );
    const decision = decide(outcome, checks, [entitlement.citation]);
    return { entitlement, ...decision, ...(t ? { reason: explainDecision(decision, t) } : {}) };
  });
}

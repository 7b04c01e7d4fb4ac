/** What the API returns for stored applications and engine decisions. */
import type { PermitApplication, EligibilityView } from '#shared/api/permit';
import { explainDecision, type Translate } from '#shared/policy/explain';
import type { PermitEligibility } from '#shared/policy/decisions';
import { packById } from '#shared/policy/registry';
import type { ApplicationKind } from '#shared/permit/lifecycle';
import type { PolicyPack } from '#shared/policy/schema';
import type { PermitApplicationItem } from './items.ts';

/** The fee the pack sets for a kind of application (Datong: replacing a lost card costs the card fee). */
export function chargeFor(pack: PolicyPack, kind: ApplicationKind): 'free' | 'cardFee' | undefined {
  const service = kind === 'first' ? 'firstIssue' : kind;
  return pack.permit?.fees?.find((f) => (f.services as readonly string[]).includes(service))?.charge;
}

export function applicationView(a: PermitApplicationItem): PermitApplication {
  const charge = chargeFor(packById(a.packId), a.kind);
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    holder: a.holder,
    holderName: a.holderName,
    packId: a.packId,
    station: { id: a.stationId, name: a.stationName },
    address: a.address,
    ...(a.validity ? { validityYears: a.validity.amount } : {}),
    // The blob key stays inside: files are read through short-lived presigned URLs only.
    documents: a.documents.map(({ id, kind, fileName, contentType, size }) => ({ id, kind, fileName, contentType, size })),
    submittedAt: a.submittedAt,
    ...(a.acceptedAt ? { acceptedAt: a.acceptedAt } : {}),
    ...(a.issueBy ? { issueBy: a.issueBy } : {}),
    ...(a.corrections ? { corrections: a.corrections } : {}),
    ...(a.rejection ? { rejection: a.rejection } : {}),
    ...(charge ? { charge } : {}),
    ...(a.permitNumber ? { permitNumber: a.permitNumber } : {}),
    updatedAt: a.updatedAt,
    version: a.version,
    history: a.history.map(({ officerId: _officer, ...entry }) => entry),
  };
}

/** The engine's eligibility, with the reason in the reader's language. */
export function eligibilityView(decision: PermitEligibility, t: Translate): EligibilityView {
  return {
    status: decision.status,
    ...(decision.on ? { on: decision.on } : {}),
    ...(decision.missing ? { missing: decision.missing } : {}),
    optional: decision.optional,
    reason: explainDecision(decision, t),
    citations: decision.citations,
  };
}

/**
 * Reading a permit application on behalf of an officer: only one of the officer's own station,
 * and the engine's view of the holder today for the officer to check the application against.
 */
import { permitEligibility, type PermitEligibility } from '#shared/policy/decisions';
import { packById } from '#shared/policy/registry';
import type { IsoDate } from '#shared/policy/civil-time';
import { APPLICATION_IN_PROGRESS } from '#shared/permit/lifecycle';
import { childFacts, personFacts } from '#shared/permit/facts';
import { ApiError } from '#functions/commons/errors';
import { notYourStation, type OfficerStation } from '#functions/review/station';
import { applicationNotFound, readApplication, type PersonRecord } from '#functions/permit/records';
import { factSourcesOf, permitOn } from '#functions/permit/entitlements';
import type { PermitApplicationItem } from '#functions/permit/items';

/** Another officer decided first, or the migrant changed the application: the version seen is stale. */
export { applicationChanged } from '#functions/permit/records';
/** The action cannot be taken in the application's status (approving one not yet accepted). */
export const decisionNotAllowed = () => new ApiError(422, 'decision_not_allowed');

/**
 * The application if it belongs to the station: 404 when it does not exist, 403 when it is another
 * station's (the officer learns that it exists, not what it says).
 */
export async function applicationOfStation(id: string, station: OfficerStation): Promise<PermitApplicationItem> {
  const application = await readApplication(id);
  if (!application) throw applicationNotFound();
  if (application.stationId !== station.id) throw notYourStation();
  return application;
}

/**
 * Whether the holder may hold a permit under the application's pack on `today`, on what the
 * person's record says now; undefined when there is nothing to decide on (no registered
 * residence, a child no longer listed) or the pack sets no conditions.
 */
export function holderEligibility(record: PersonRecord, application: PermitApplicationItem, today: IsoDate): PermitEligibility | undefined {
  const sources = factSourcesOf(record, today, today, undefined);
  if (!sources) return undefined;
  const applying = APPLICATION_IN_PROGRESS.includes(application.status);
  const pack = packById(application.packId);
  if (application.holder === 'self') return permitEligibility(pack, personFacts({ ...sources, applying }));
  const child = record.children.find((c) => c.id === application.holder);
  if (!child) return undefined;
  const permit = record.permits.get(child.id);
  return permitEligibility(pack, childFacts(sources, child, { ...(permit ? { permit: permitOn(permit, today, today) } : {}), applying }));
}

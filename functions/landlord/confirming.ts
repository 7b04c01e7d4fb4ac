/**
 * The landlord's answer to a tenant who declared a residence at their house. Confirming registers
 * the declaration without an officer visit (and, for a change of address, ends the registration
 * it replaces); declining, with a reason, sends the declaration to the station's officer queue.
 * Either works also after an unanswered request went to the officer. The tenancy, the house's
 * occupant count, the declaration and the tenant's message change in one transaction, at the
 * versions read, so of two answers given at once exactly one wins.
 */
import { IN_PROGRESS, nextStatus } from '#shared/residence/declaration';
import { nextTenancyStatus } from '#shared/landlord/house';
import type { HistoryEntry } from '#shared/api/residence';
import { currentInstant } from '#functions/commons/clock';
import type { Caller } from '#functions/commons/http/caller';
import { readDeclaration } from '#functions/residence/declarations';
import { declaringKey, type DeclarationItem } from '#functions/residence/items';
import { advanced, guardedPut, releasePointer, supersede } from '#functions/review/decisions';
import { housesOfCaller, tenanciesOf, tenancyForCaller } from './access.ts';
import type { HouseItem, TenancyItem } from './items.ts';
import { tenantNotice } from './notices.ts';
import { advancedTenancy, lateReportPuts, occupancyChange, occupantDelta, storedReport, tenancyChanged, tenancyWrite } from './records.ts';
import { commitChange, type TenancyChange } from './changes.ts';

/** The tenant's declaration behind a request, or 409 when it is no longer waiting for anyone. */
async function requestDeclaration(tenancy: TenancyItem): Promise<DeclarationItem> {
  const declaration = tenancy.declarationId ? await readDeclaration(tenancy.declarationId) : undefined;
  if (!declaration || !IN_PROGRESS.includes(declaration.status)) throw tenancyChanged();
  return declaration;
}

const answered = (d: DeclarationItem, state: 'confirmed' | 'declined', at: string, reason?: string): DeclarationItem['landlordConfirmation'] => ({
  due: d.landlordConfirmation?.due ?? at,
  ...d.landlordConfirmation,
  state,
  at,
  ...(reason ? { reason } : {}),
});

/**
 * The landlord (owner or agent) confirms a tenant's request: the tenancy is active, the move-in
 * report counts as filed now (late → the station's list), the declaration is registered.
 */
export async function confirmRequest(tenancy: TenancyItem, house: HouseItem, now: Date): Promise<TenancyChange> {
  const status = nextTenancyStatus(tenancy.status, 'confirmedByLandlord');
  if (!status) throw tenancyChanged();
  const declaration = await requestDeclaration(tenancy);
  const registeredStatus = nextStatus(declaration.status, 'confirmedByLandlord');
  if (!registeredStatus) throw tenancyChanged();

  const at = now.toISOString();
  const moveInReport = await storedReport(tenancy.packId, 'moveIn', tenancy.moveInDate, now);
  const next = advancedTenancy(tenancy, status, { at, event: 'confirmedByLandlord', actor: 'landlord' }, { moveInReport });
  const entry: HistoryEntry = { at, event: 'confirmedByLandlord', actor: 'landlord' };
  const registered = advanced(declaration, registeredStatus, entry, { registeredAt: at, landlordConfirmation: answered(declaration, 'confirmed', at) });
  const [superseding, pointer, notice] = await Promise.all([
    supersede(declaration, at, 'landlord'),
    releasePointer(declaringKey(declaration.accountId), 'declarationId', declaration.id),
    tenantNotice('declarationConfirmed', next, house, at, { id: declaration.id }, { declarationId: declaration.id }),
  ]);
  return {
    items: [
      tenancyWrite(next, tenancy),
      guardedPut(registered, declaration),
      ...notice.items,
      ...superseding.items,
      ...pointer,
      ...lateReportPuts(house, next, 'moveIn', moveInReport),
    ],
    tenancy: next,
    texts: [notice.text],
  };
}

/** The landlord declines a tenant's request: the tenancy is declined, the declaration joins the officer's queue with the reason. */
export async function declineRequest(tenancy: TenancyItem, house: HouseItem, reason: string, now: Date): Promise<TenancyChange> {
  const status = nextTenancyStatus(tenancy.status, 'declinedByLandlord');
  if (!status) throw tenancyChanged();
  const declaration = await requestDeclaration(tenancy);

  const at = now.toISOString();
  const next = advancedTenancy(tenancy, status, { at, event: 'declinedByLandlord', actor: 'landlord', note: reason });
  const entry: HistoryEntry = { at, event: 'declinedByLandlord', actor: 'landlord', note: reason };
  const queued = advanced(declaration, declaration.status, entry, { landlordConfirmation: answered(declaration, 'declined', at, reason) });
  const occupancy = occupancyChange(house, occupantDelta(tenancy.status, status), at);
  const notice = await tenantNotice('confirmationDeclined', next, house, at, { id: declaration.id, reason }, { declarationId: declaration.id });
  return {
    items: [tenancyWrite(next, tenancy), guardedPut(queued, declaration), ...(occupancy ? [occupancy.write] : []), ...notice.items],
    tenancy: next,
    ...(occupancy ? { house: occupancy.next } : {}),
    texts: [notice.text],
  };
}

export interface Answer {
  decision: 'confirm' | 'decline';
  reason?: string | undefined;
  version?: number | undefined;
}

/** POST /api/landlord/confirmations/{id}: the caller's answer, at the version seen. */
export async function answerRequest(caller: Caller, id: string, answer: Answer): Promise<TenancyItem> {
  const change = await commitChange(async () => {
    const { tenancy, house } = await tenancyForCaller(caller, id);
    if (answer.version !== undefined && answer.version !== tenancy.version) throw tenancyChanged();
    const now = currentInstant();
    return answer.decision === 'confirm' ? confirmRequest(tenancy, house, now) : declineRequest(tenancy, house, answer.reason ?? '', now);
  });
  return change.tenancy;
}

/** Tenants' requests waiting for the caller's answer, across all the caller's houses, the one due first at the top. */
export async function requestsOfCaller(caller: Caller): Promise<Array<{ tenancy: TenancyItem; house: HouseItem }>> {
  const houses = await housesOfCaller(caller);
  const waiting = await Promise.all(
    houses.map(async ({ house }) => (await tenanciesOf(house.id, ['awaitingLandlord'])).map((tenancy) => ({ tenancy, house }))),
  );
  return waiting.flat().sort((a, b) => (a.tenancy.confirmBy ?? '').localeCompare(b.tenancy.confirmBy ?? ''));
}

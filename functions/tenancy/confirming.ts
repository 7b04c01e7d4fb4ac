/**
 * The tenant's answer to a landlord's report. Confirming registers the residence at once — both
 * sides have said it, no officer visit is needed — and ends a registration elsewhere; saying it is
 * not theirs declines the tenancy and the house has one occupant fewer. Either way the landlord is
 * told. The tenancy, the house, the declarations and the message change in one transaction at the
 * versions read.
 */
import type { z } from 'zod';
import type { confirmTenancy } from '#shared/api/landlord';
import { nextTenancyStatus, type TenancyStatus } from '#shared/landlord/house';
import { currentInstant } from '#functions/commons/clock';
import { ApiError } from '#functions/commons/errors';
import type { Caller } from '#functions/commons/http/caller';
import type { TransactItem } from '#functions/commons/transactions';
import { commitChange } from '#functions/landlord/changes';
import type { HouseItem, TenancyItem } from '#functions/landlord/items';
import { advancedTenancy, occupancyChange, occupantDelta, readHouse, tenancyChanged, tenancyNotFound, tenancyWrite } from '#functions/landlord/records';
import { declarationInProgress } from '#functions/residence/declarations';
import type { ProfileItem } from '#functions/residence/items';
import { messagePut, textAccount, type Notice } from '#functions/residence/notify';
import { registrationFromTenancy, stayOf, type Registration, type Stay } from './registration.ts';
import { houseAddressLine } from './requesting.ts';
import { tenancyOfCaller } from './tenants.ts';

type Body = z.output<NonNullable<(typeof confirmTenancy)['body']>>;

/** 409 when the person has a declaration in review: it is theirs to finish or withdraw first. */
async function noDeclarationInProgress(accountId: string): Promise<void> {
  const inProgress = await declarationInProgress(accountId);
  if (inProgress) throw new ApiError(409, 'declaration_in_progress', { id: inProgress });
}

/** The tenancy once a registration is made from it: its tenant's account and declaration, and how they said they stay. */
export const registeredTenancy = (tenancy: TenancyItem, registration: Registration, stay?: Stay): Partial<TenancyItem> => ({
  tenant: { ...tenancy.tenant, accountId: registration.declaration.accountId },
  declarationId: registration.declaration.id,
  ...(stay ? { stay } : {}),
});

/** The landlord's message about the tenant's answer. */
const ownerNotice = (kind: 'tenantConfirmed' | 'tenantDeclined', tenancy: TenancyItem, house: HouseItem, at: string): Notice => ({
  accountId: house.owner.accountId,
  kind,
  tenancyId: tenancy.id,
  houseId: house.id,
  at,
  values: { id: tenancy.id, address: houseAddressLine(house), name: tenancy.tenant.name },
});

interface Answered {
  items: TransactItem[];
  tenancy: TenancyItem;
  notice: Notice;
  texts: [];
}

/**
 * Confirming: a report the tenant has not answered becomes active; one the officer verified before
 * the tenant had an account is active already and only gets its declaration.
 */
async function confirmReport(tenancy: TenancyItem, house: HouseItem, profile: ProfileItem, stay: Stay, now: Date): Promise<Answered> {
  const status: TenancyStatus | undefined = tenancy.status === 'active' && !tenancy.declarationId ? 'active' : nextTenancyStatus(tenancy.status, 'confirmedByTenant');
  if (!status || tenancy.startedBy !== 'landlord') throw tenancyChanged();
  await noDeclarationInProgress(profile.accountId);
  const at = now.toISOString();
  const registration = await registrationFromTenancy(tenancy, house, profile, stay, 'migrant', now);
  const next = advancedTenancy(tenancy, status, { at, event: 'confirmedByTenant', actor: 'migrant' }, registeredTenancy(tenancy, registration, stay));
  const notice = ownerNotice('tenantConfirmed', next, house, at);
  return { items: [tenancyWrite(next, tenancy), ...registration.items, messagePut(notice)], tenancy: next, notice, texts: [] };
}

/** Not theirs: the tenancy is declined and stops counting as an occupant. */
function declineReport(tenancy: TenancyItem, house: HouseItem, now: Date): Answered {
  const status = nextTenancyStatus(tenancy.status, 'declinedByTenant');
  if (!status) throw tenancyChanged();
  const at = now.toISOString();
  const next = advancedTenancy(tenancy, status, { at, event: 'declinedByTenant', actor: 'migrant' });
  const occupancy = occupancyChange(house, occupantDelta(tenancy.status, status), at);
  const notice = ownerNotice('tenantDeclined', next, house, at);
  return { items: [tenancyWrite(next, tenancy), ...(occupancy ? [occupancy.write] : []), messagePut(notice)], tenancy: next, notice, texts: [] };
}

/** POST /api/me/tenancies/{id}/confirmation: the caller's answer, at the version seen. */
export async function answerReport(caller: Caller, id: string, body: Body): Promise<{ tenancy: TenancyItem; house: HouseItem }> {
  let house: HouseItem | undefined;
  const change = await commitChange(async () => {
    const { tenancy, profile } = await tenancyOfCaller(caller, id);
    if (tenancy.version !== body.version) throw tenancyChanged();
    house = await readHouse(tenancy.houseId, true);
    if (!house) throw tenancyNotFound();
    const now = currentInstant();
    if (body.decision === 'decline') return declineReport(tenancy, house, now);
    // Their own answer, also after an officer recorded one at the check.
    return confirmReport(tenancy, house, profile, stayOf({ ...body, intendedStay: body.intendedStay!, reason: body.reason! }), now);
  });
  await textAccount(change.notice);
  return { tenancy: change.tenancy, house: house! };
}

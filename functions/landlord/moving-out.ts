/**
 * The landlord's move-out report (人走注销): the tenancy ends, judged against the pack's move-out
 * deadline (late → the station's list), the house has one occupant fewer, and the tenant's
 * declaration at the house ends in the same transaction — a registration ends on the move-out
 * date, a declaration still in review is withdrawn and the tenant may declare elsewhere.
 */
import type { z } from 'zod';
import type { moveTenantOut } from '#shared/api/landlord';
import { nextTenancyStatus } from '#shared/landlord/house';
import { IN_PROGRESS, nextStatus } from '#shared/residence/declaration';
import { currentInstant } from '#functions/commons/clock';
import type { Caller } from '#functions/commons/http/caller';
import type { TransactItem } from '#functions/commons/transactions';
import { readDeclaration } from '#functions/residence/declarations';
import { declaringKey } from '#functions/residence/items';
import { checkMoveOutDate } from '#functions/residence/moving-out';
import { advanced, guardedPut, releasePointer } from '#functions/review/decisions';
import { tenancyForCaller } from './access.ts';
import { commitChange, type TenancyChange } from './changes.ts';
import type { HouseItem, TenancyItem } from './items.ts';
import { tenantNotice } from './notices.ts';
import { advancedTenancy, lateReportPuts, occupancyChange, occupantDelta, storedReport, tenancyChanged, tenancyWrite } from './records.ts';

type Body = z.output<NonNullable<(typeof moveTenantOut)['body']>>;

/** The writes that end the tenant's declaration at the house, if it has one that has not ended. */
async function declarationEnding(tenancy: TenancyItem, on: string, at: string): Promise<TransactItem[]> {
  const declaration = tenancy.declarationId ? await readDeclaration(tenancy.declarationId) : undefined;
  const status = declaration && nextStatus(declaration.status, 'movedOut');
  if (!declaration || !status) return [];
  const ended = advanced(declaration, status, { at, event: 'movedOut', actor: 'landlord' }, { movedOut: { on, deadline: null } });
  // A declaration in review holds the one-in-progress pointer: once withdrawn, the tenant may declare again.
  const pointer = IN_PROGRESS.includes(declaration.status) ? await releasePointer(declaringKey(declaration.accountId), 'declarationId', declaration.id) : [];
  return [guardedPut(ended, declaration), ...pointer];
}

/**
 * The change that ends `tenancy` at `house` on `movedOutOn`, reported on the landlord's side at
 * `now`: its writes (tenancy, occupant count, declaration, notice, late list) and the tenant's text.
 * `note` names who filed it for the landlord (an organisation's upload). The tenancy must be one
 * that can end, the date one it can end on.
 */
export async function movedOutChange(tenancy: TenancyItem, house: HouseItem, movedOutOn: string, now: Date, note?: string): Promise<TenancyChange> {
  const status = nextTenancyStatus(tenancy.status, 'movedOut');
  if (!status) throw tenancyChanged();
  checkMoveOutDate(movedOutOn, tenancy.moveInDate);

  const at = now.toISOString();
  const moveOutReport = await storedReport(tenancy.packId, 'moveOut', movedOutOn, now);
  const next = advancedTenancy(tenancy, status, { at, event: 'movedOut', actor: 'landlord', ...(note ? { note } : {}) }, { moveOutDate: movedOutOn, moveOutReport });
  const occupancy = occupancyChange(house, occupantDelta(tenancy.status, status), at);
  const [ending, notice] = await Promise.all([
    declarationEnding(tenancy, movedOutOn, at),
    tenantNotice('tenancyEnded', next, house, at, { id: tenancy.id, on: movedOutOn }, tenancy.declarationId ? { declarationId: tenancy.declarationId } : {}),
  ]);
  return {
    items: [
      tenancyWrite(next, tenancy),
      ...(occupancy ? [occupancy.write] : []),
      ...ending,
      ...notice.items,
      ...lateReportPuts(house, next, 'moveOut', moveOutReport),
    ],
    tenancy: next,
    ...(occupancy ? { house: occupancy.next } : {}),
    texts: [notice.text],
  };
}

export async function moveOut(caller: Caller, id: string, { movedOutOn, version }: Body): Promise<TenancyItem> {
  const change = await commitChange(async (): Promise<TenancyChange> => {
    const { tenancy, house } = await tenancyForCaller(caller, id);
    if (version !== undefined && version !== tenancy.version) throw tenancyChanged();
    return movedOutChange(tenancy, house, movedOutOn, currentInstant());
  });
  return change.tenancy;
}

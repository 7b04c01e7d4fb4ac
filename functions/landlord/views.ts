/** Houses and tenancies as the landlord (owner or agent) sees them: masked numbers only, the pack's duties and fines. */
import type { z } from 'zod';
import type { Agent, ConfirmationRequest, House, HouseSummary, LandlordDuties, ReportView, Tenancy } from '#shared/api/landlord';
import { OCCUPYING, occupancyOf } from '#shared/landlord/house';
import { lateReportFines } from '#shared/landlord/reporting';
import { packById } from '#shared/policy/registry';
import type { AgentItem, HouseItem, StoredReport, TenancyItem } from './items.ts';

export type Role = House['role'];

/** The landlord's duties at a house of `packId`: the pack's rules (null where it sets none) and its fines for a missed report. */
export function dutiesOf(packId: HouseItem['packId']): z.infer<typeof LandlordDuties> {
  const pack = packById(packId);
  return {
    packId,
    registerWithin: pack.landlord?.registerWithin ?? null,
    reportMoveIn: pack.landlord?.reportMoveIn ?? null,
    reportMoveOut: pack.landlord?.reportMoveOut ?? null,
    fines: lateReportFines(pack),
  };
}

export const reportView = (r: StoredReport): ReportView => ({
  ...(r.filedAt ? { filedAt: r.filedAt } : {}),
  filing: r.filing,
  deadlines: r.deadlines,
  ...(r.lastDay ? { lastDay: r.lastDay } : {}),
});

/** A tenant's request the landlord has not answered by the time it goes to the officer. */
export const isOverdue = (t: Pick<TenancyItem, 'status' | 'confirmBy'>, now: Date) =>
  t.status === 'awaitingLandlord' && t.confirmBy !== undefined && t.confirmBy < now.toISOString();

export function tenancyView(t: TenancyItem, now: Date): Tenancy {
  return {
    id: t.id,
    houseId: t.houseId,
    status: t.status,
    startedBy: t.startedBy,
    tenant: { name: t.tenant.name, citizenIdMasked: t.tenant.citizenIdMasked, phoneMasked: t.tenant.phoneMasked, hasAccount: Boolean(t.tenant.accountId) },
    ...(t.room ? { room: t.room } : {}),
    moveInDate: t.moveInDate,
    ...(t.moveOutDate ? { moveOutDate: t.moveOutDate } : {}),
    moveInReport: reportView(t.moveInReport),
    ...(t.moveOutReport ? { moveOutReport: reportView(t.moveOutReport) } : {}),
    ...(t.confirmBy && (t.status === 'awaitingTenant' || t.status === 'awaitingLandlord') ? { confirmBy: t.confirmBy } : {}),
    overdue: isOverdue(t, now),
    ...(t.declarationId ? { declarationId: t.declarationId } : {}),
    history: t.history.map((h) => ({ at: h.at, event: h.event, actor: h.actor, ...(h.note ? { note: h.note } : {}) })),
    version: t.version,
  };
}

export const agentView = (a: AgentItem): z.infer<typeof Agent> => ({ id: a.id, phoneMasked: a.phoneMasked, addedAt: a.addedAt });

/** Where a house is, as a list row or a confirmation request names it. */
export const houseLabel = (h: Pick<HouseItem, 'id' | 'address' | 'building' | 'unit' | 'room'>) => ({
  id: h.id,
  address: h.address,
  ...(h.building ? { building: h.building } : {}),
  ...(h.unit ? { unit: h.unit } : {}),
  ...(h.room ? { room: h.room } : {}),
});

export const occupancyView = (h: Pick<HouseItem, 'occupants' | 'maxOccupants'>) => occupancyOf(h.occupants, h.maxOccupants);

/** The house for its owner (who sees the agents) or an agent (who sees none). */
export function houseView(h: HouseItem, role: Role, agents: readonly AgentItem[]): House {
  return {
    ...houseLabel(h),
    type: h.type,
    rooms: h.rooms,
    maxOccupants: h.maxOccupants,
    safety: h.safety,
    packId: h.packId,
    station: { id: h.stationId, name: h.stationName },
    role,
    occupancy: occupancyView(h),
    agents: role === 'owner' ? agents.map(agentView) : [],
    duties: dutiesOf(h.packId),
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
    version: h.version,
  };
}

/** A row of 我的房屋: the current tenants, the requests waiting for the landlord, and those past their deadline. */
export function houseSummary(h: HouseItem, role: Role, tenancies: readonly TenancyItem[], now: Date): HouseSummary {
  const current = tenancies.filter((t) => OCCUPYING.includes(t.status));
  return {
    ...houseLabel(h),
    type: h.type,
    role,
    occupancy: occupancyView(h),
    tenants: current.map((t) => ({
      id: t.id,
      status: t.status,
      ...(t.room ? { room: t.room } : {}),
      moveInDate: t.moveInDate,
      overdue: isOverdue(t, now),
      name: t.tenant.name,
    })),
    pendingConfirmations: current.filter((t) => t.status === 'awaitingLandlord').length,
    overdueReports: current.filter((t) => isOverdue(t, now)).length,
  };
}

export const confirmationView = (t: TenancyItem, h: HouseItem, now: Date): z.infer<typeof ConfirmationRequest> => ({
  ...tenancyView(t, now),
  house: houseLabel(h),
});

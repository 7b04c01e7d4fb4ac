/**
 * Houses and tenancies as the station's officer sees them: masked ID numbers and phones only, the
 * landlord as the house's owner snapshot, and the same tenancy view the landlord gets.
 */
import type { z } from 'zod';
import type { HouseEvent, HouseRecord, OverdueReport, StationHouse } from '#shared/api/house-watch';
import { confirmationLastDay } from '#shared/landlord/reporting';
import type { AgentItem, HouseEventItem, HouseItem, LateReportItem, TenancyItem } from '#functions/landlord/items';
import { houseLabel, houseView, occupancyView, tenancyView } from '#functions/landlord/views';

/** The attributes a row of the station's houses needs: the list query reads only these. */
export const STATION_HOUSE_ATTRIBUTES = ['id', 'address', 'building', 'unit', 'room', 'type', 'owner', 'occupants', 'maxOccupants', 'safety'] as const;
export type StationHouseSource = Pick<HouseItem, (typeof STATION_HOUSE_ATTRIBUTES)[number]>;

const landlordOf = (h: Pick<HouseItem, 'owner'>) => ({ name: h.owner.name, phoneMasked: h.owner.phoneMasked });

export function stationHouseRow(h: StationHouseSource): StationHouse {
  return {
    ...houseLabel(h),
    type: h.type,
    landlord: landlordOf(h),
    occupancy: occupancyView(h),
    safety: h.safety,
  };
}

const houseEventView = (e: HouseEventItem): z.infer<typeof HouseEvent> => ({
  at: e.at,
  event: e.event,
  actor: e.actor,
  ...(e.fields?.length ? { fields: e.fields } : {}),
});

export interface HouseParts {
  house: HouseItem;
  agents: readonly AgentItem[];
  /** Newest move-in first. */
  tenancies: readonly TenancyItem[];
  /** Oldest first. */
  events: readonly HouseEventItem[];
  now: Date;
}

/** The house with everything the officer checks: its landlord, agents, every tenancy with its history, the house's own history and the pack's fines. */
export function houseRecord({ house, agents, tenancies, events, now }: HouseParts): HouseRecord {
  // The owner's view shows the agents; the officer sees them too, and no standing of their own.
  const { role: _role, agents: agentViews, ...view } = houseView(house, 'owner', agents);
  return {
    ...view,
    landlord: landlordOf(house),
    agents: agentViews,
    tenancies: tenancies.map((t) => tenancyView(t, now)),
    events: events.map(houseEventView),
    fines: view.duties.fines,
  };
}

/** A landlord report filed after its deadline, as stored when it was filed. */
export const lateRow = (r: LateReportItem): OverdueReport => ({
  tenancyId: r.tenancyId,
  houseId: r.houseId,
  address: r.address,
  landlord: r.landlord,
  tenant: r.tenant,
  report: r.report,
  lastDay: r.lastDay,
  filedAt: r.filedAt,
});

/** The attributes an unconfirmed request's row needs from its tenancy. */
export const UNCONFIRMED_ATTRIBUTES = ['id', 'houseId', 'status', 'tenant', 'confirmBy'] as const;
export type UnconfirmedSource = Pick<TenancyItem, (typeof UNCONFIRMED_ATTRIBUTES)[number]>;

/** A request nobody answered in time, with whose answer is missing and the last day an answer was in time. */
export function unconfirmedRow(t: UnconfirmedSource & { confirmBy: string }, house: Pick<HouseItem, 'address' | 'owner'>): OverdueReport {
  return {
    tenancyId: t.id,
    houseId: t.houseId,
    address: house.address,
    landlord: landlordOf(house),
    tenant: { name: t.tenant.name, citizenIdMasked: t.tenant.citizenIdMasked },
    report: 'moveIn',
    lastDay: confirmationLastDay(t.confirmBy),
    waitingFor: t.status === 'awaitingTenant' ? 'tenant' : 'landlord',
  };
}

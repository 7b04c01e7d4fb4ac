/**
 * The officer's view of the station's rental houses (以房管人): houses and their occupancy, houses
 * over capacity, landlord reports filed late or not at all, confirmation requests nobody answered
 * by their deadline, a house with its history (every read audited), and verifying a landlord's
 * report the tenant has not confirmed.
 */
import * as z from 'zod';
import { Agent, FineView, House, HouseId, Occupancy, reasonDetailRequired, StayStatement, Tenancy, TenancyId } from './landlord.ts';
import { Cursor, PageLimit, PlaceView, StreetCode } from './residence.ts';
import { contract } from './route.ts';

/** A landlord as the officer's lists show them: the name (or the masked phone without a profile). */
const Landlord = z.object({ name: z.string(), phoneMasked: z.string() });

export const StationHouse = House.pick({ id: true, address: true, building: true, unit: true, room: true, type: true, safety: true }).extend({
  landlord: Landlord,
  occupancy: Occupancy,
});
export type StationHouse = z.infer<typeof StationHouse>;

export const listStationHouses = contract({
  method: 'GET',
  path: '/api/officer/houses',
  access: ['officer'],
  tag: 'house-watch',
  summary: "The station's rental houses by street, or only those over capacity; paginated by key",
  query: z
    .object({
      street: StreetCode.optional(),
      overCapacity: z.enum(['true', 'false'], 'validation.choice').default('false'),
      cursor: Cursor,
      limit: PageLimit,
    })
    .strict(),
  response: z.object({ items: z.array(StationHouse), cursor: z.string().optional() }),
});

export const HouseEvent = z.object({
  at: z.string(),
  event: z.enum(['registered', 'updated', 'agentAdded', 'agentRemoved']),
  actor: z.enum(['owner', 'agent']),
  /** The fields a correction changed. */
  fields: z.array(z.string()).optional(),
});

export const HouseRecord = House.omit({ role: true, agents: true }).extend({
  landlord: Landlord,
  agents: z.array(Agent),
  /** Every tenancy, current and past, newest move-in first. */
  tenancies: z.array(Tenancy),
  events: z.array(HouseEvent),
  fines: z.array(FineView),
});
export type HouseRecord = z.infer<typeof HouseRecord>;

export const getStationHouse = contract({
  method: 'GET',
  path: '/api/officer/houses/{id}',
  access: ['officer'],
  tag: 'house-watch',
  summary: 'A house of the station with its landlord, agents, tenancies and history; the read is audited',
  params: HouseId,
  response: HouseRecord,
});

export const OVERDUE_KINDS = ['late', 'unconfirmed'] as const;

export const OverdueReport = z.object({
  tenancyId: z.string(),
  houseId: z.string(),
  address: PlaceView,
  landlord: Landlord,
  tenant: z.object({ name: z.string(), citizenIdMasked: z.string() }),
  /** Which report: the move-in, or the move-out. */
  report: z.enum(['moveIn', 'moveOut']),
  /** The last day it was due. */
  lastDay: z.string(),
  /** When it was filed (late); absent while nobody has answered. */
  filedAt: z.string().optional(),
  /** For an unconfirmed request: whose answer is missing. */
  waitingFor: z.enum(['landlord', 'tenant']).optional(),
});
export type OverdueReport = z.infer<typeof OverdueReport>;

export const listOverdueReports = contract({
  method: 'GET',
  path: '/api/officer/overdue-reports',
  access: ['officer'],
  tag: 'house-watch',
  summary:
    'Landlord reports of the station filed after their deadline (late), or confirmation requests nobody answered by it (unconfirmed); oldest deadline first, paginated by key',
  query: z.object({ kind: z.enum(OVERDUE_KINDS, 'validation.choice').default('unconfirmed'), cursor: Cursor, limit: PageLimit }).strict(),
  response: z.object({ items: z.array(OverdueReport), cursor: z.string().optional() }),
});

export const verifyTenancy = contract({
  method: 'POST',
  path: '/api/officer/tenancies/{id}/verification',
  access: ['officer'],
  tag: 'house-watch',
  summary:
    "The officer verifies a landlord's report the tenant has not confirmed, recording the stay the tenant told them at the check: the tenancy is active and the tenant's residence registered",
  params: TenancyId,
  /** The stay as the tenant told the officer (a landlord's report says nothing of it), at the version seen. */
  body: StayStatement.extend({ version: z.number().int().positive() }).strict().superRefine(reasonDetailRequired),
  response: Tenancy,
});

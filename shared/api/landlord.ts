/**
 * Landlords and their tenants (出租屋, 人来登记 人走注销): houses with a code and a door poster, agents
 * authorised by phone number, move-in and move-out reports judged against the pack's deadlines, and
 * the two-sided confirmation between landlord and tenant. A resident acts as a landlord for the
 * houses they own or are an agent of; the officer's station view is in `house-watch.ts`.
 */
import * as z from 'zod';
import { fineRule, PACK_IDS, timeRule } from '#shared/policy/schema';
import {
  HOUSE_CODE_PATTERN,
  HOUSE_TYPES,
  MAX_TENANTS_PER_REPORT,
  SAFETY_ITEMS,
  TENANCY_EVENTS,
  TENANCY_REFERENCE_PATTERN,
  TENANCY_STATUSES,
} from '#shared/landlord/house';
import { INTENDED_STAYS, RESIDENCE_REASONS } from '#shared/residence/vocabulary';
import { Phone } from './identity.ts';
import { AddressDetail, CalendarDate, CitizenId, DeadlineView, PersonName, PlaceView, ReasonDetail, StreetCode } from './residence.ts';
import { contract } from './route.ts';
import { plainText } from './text.ts';

/* ------------------------------------------ fields ------------------------------------------ */

/** Building, unit or room: optional, but when given, some text (a blank one is refused, not stored as nothing). */
const Label = plainText({ max: 20 });
export const Safety = z.object({ smokeAlarm: z.boolean(), extinguisher: z.boolean(), escapeRoute: z.boolean() }).strict() satisfies z.ZodType<
  Record<(typeof SAFETY_ITEMS)[number], boolean>
>;

const houseFields = {
  building: Label.optional(),
  unit: Label.optional(),
  room: Label.optional(),
  type: z.enum(HOUSE_TYPES, 'validation.choice'),
  rooms: z.number('validation.number').int('validation.wholeNumber').min(1, 'validation.atLeastOne').max(500, 'validation.tooLarge'),
  maxOccupants: z.number('validation.number').int('validation.wholeNumber').min(1, 'validation.atLeastOne').max(2000, 'validation.tooLarge'),
  safety: Safety,
};

export const HouseInput = z
  .object({ address: z.object({ division: StreetCode, detail: AddressDetail }).strict(), ...houseFields })
  .strict();
export type HouseInput = z.input<typeof HouseInput>;

/**
 * Everything but the street can be corrected; a house at another street is another house. A field
 * left out is kept; a building, unit or room sent as `null` is removed.
 */
export const HousePatch = z
  .object({
    detail: AddressDetail.optional(),
    building: Label.nullable().optional(),
    unit: Label.nullable().optional(),
    room: Label.nullable().optional(),
    type: houseFields.type.optional(),
    rooms: houseFields.rooms.optional(),
    maxOccupants: houseFields.maxOccupants.optional(),
    safety: Safety.optional(),
    version: z.number().int().positive(),
  })
  .strict();
export type HousePatch = z.input<typeof HousePatch>;

export const HouseCode = z.string().regex(HOUSE_CODE_PATTERN, 'validation.houseCode');
export const HouseId = z.object({ id: HouseCode });
export const TenancyId = z.object({ id: z.string().regex(TENANCY_REFERENCE_PATTERN, 'validation.referenceNumber') });

/** A fine the pack sets for a landlord's missed report, as stored in the pack (amounts in yuan, with citation). */
export const FineView = fineRule;

/** The landlord's duties at a house, from its pack: the rules (null where the pack sets none) and the fines. */
export const LandlordDuties = z.object({
  packId: z.enum(PACK_IDS),
  registerWithin: timeRule.nullable(),
  reportMoveIn: timeRule.nullable(),
  reportMoveOut: timeRule.nullable(),
  fines: z.array(FineView),
});

/** A report's timing: every deadline that applied, judged at filing (or now, for a preview). */
export const ReportView = z.object({
  /** When it was filed; absent in a preview and while a tenant's request is unanswered. */
  filedAt: z.string().optional(),
  filing: z.enum(['onTime', 'late']),
  deadlines: z.array(DeadlineView.extend({ path: z.string() })),
  /** The last day of the deadline that decides (the first missed, else the report's own); absent when the pack sets none. */
  lastDay: z.string().optional(),
});
export type ReportView = z.infer<typeof ReportView>;

export const Occupancy = z.object({ occupants: z.number().int(), maxOccupants: z.number().int(), overCapacity: z.boolean() });

export const TenancyHistoryEntry = z.object({
  at: z.string(),
  event: z.enum(TENANCY_EVENTS),
  actor: z.enum(['landlord', 'migrant', 'officer', 'system']),
  note: z.string().optional(),
});

export const Tenancy = z.object({
  id: z.string(),
  houseId: z.string(),
  status: z.enum(TENANCY_STATUSES),
  startedBy: z.enum(['landlord', 'tenant']),
  tenant: z.object({
    name: z.string(),
    citizenIdMasked: z.string(),
    phoneMasked: z.string(),
    /** The tenant has an account in the portal (matched by ID number), or is a pending person until they sign in. */
    hasAccount: z.boolean(),
  }),
  room: z.string().optional(),
  moveInDate: z.string(),
  moveOutDate: z.string().optional(),
  moveInReport: ReportView,
  moveOutReport: ReportView.optional(),
  /** While unconfirmed: when the request goes to the station's officer (ISO instant). */
  confirmBy: z.string().optional(),
  /** Unconfirmed past `confirmBy`, or a report that is due and not filed. */
  overdue: z.boolean(),
  declarationId: z.string().optional(),
  /** For a tenant's request: the declaration's proof of residence is with the officer, not shown to the landlord. */
  history: z.array(TenancyHistoryEntry),
  version: z.number().int(),
});
export type Tenancy = z.infer<typeof Tenancy>;

export const Agent = z.object({ id: z.string(), phoneMasked: z.string(), addedAt: z.string() });

export const House = z.object({
  id: z.string(),
  address: PlaceView,
  building: z.string().optional(),
  unit: z.string().optional(),
  room: z.string().optional(),
  type: z.enum(HOUSE_TYPES),
  rooms: z.number().int(),
  maxOccupants: z.number().int(),
  safety: Safety,
  packId: z.enum(PACK_IDS),
  station: z.object({ id: z.string(), name: z.string() }),
  /** The caller's standing: the owner, or an agent the owner authorised. */
  role: z.enum(['owner', 'agent']),
  occupancy: Occupancy,
  /** Agents (the owner sees them; an agent sees none). */
  agents: z.array(Agent),
  duties: LandlordDuties,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type House = z.infer<typeof House>;

export const HouseSummary = House.pick({ id: true, address: true, building: true, unit: true, room: true, type: true, role: true, occupancy: true }).extend({
  /** Current tenants (awaiting or active), for the list. */
  tenants: z.array(Tenancy.pick({ id: true, status: true, room: true, moveInDate: true, overdue: true }).extend({ name: z.string() })),
  pendingConfirmations: z.number().int(),
  overdueReports: z.number().int(),
});
export type HouseSummary = z.infer<typeof HouseSummary>;

/* ------------------------------------------ houses ------------------------------------------ */

export const listHouses = contract({
  method: 'GET',
  path: '/api/landlord/houses',
  access: ['resident'],
  tag: 'landlord',
  summary: '我的房屋: houses the caller owns or is an agent of, with current tenants, pending confirmations and overdue reports',
  response: z.object({ items: z.array(HouseSummary) }),
});

export const registerHouse = contract({
  method: 'POST',
  path: '/api/landlord/houses',
  access: ['resident'],
  tag: 'landlord',
  summary:
    'Register a rental house; it gets a code for its door poster (Idempotency-Key: a retry returns the first house). An address the caller has registered already (compared folded: full-width, spacing, case) answers 409 house_exists with that house in error.details.houseId',
  body: HouseInput,
  response: House,
  status: 201,
});

export const getHouse = contract({
  method: 'GET',
  path: '/api/landlord/houses/{id}',
  access: ['resident'],
  tag: 'landlord',
  summary: 'A house of the caller (owner or agent) with its duties, fines and tenancies',
  params: HouseId,
  response: House.extend({ tenancies: z.array(Tenancy) }),
});

export const updateHouse = contract({
  method: 'PATCH',
  path: '/api/landlord/houses/{id}',
  access: ['resident'],
  tag: 'landlord',
  summary: "Correct a house (owner or agent), at the version seen; onto the address of another of the owner's houses: 409 house_exists (error.details.houseId)",
  params: HouseId,
  body: HousePatch,
  response: House,
});

export const addAgent = contract({
  method: 'POST',
  path: '/api/landlord/houses/{id}/agents',
  access: ['resident'],
  tag: 'landlord',
  summary: 'The owner authorises an agent by phone number; whoever signs in with it may act for this house',
  params: HouseId,
  body: z.object({ phone: Phone }).strict(),
  response: Agent,
  status: 201,
});

export const removeAgent = contract({
  method: 'DELETE',
  path: '/api/landlord/houses/{id}/agents/{agentId}',
  access: ['resident'],
  tag: 'landlord',
  summary: "The owner withdraws an agent's authority",
  params: HouseId.extend({ agentId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'validation.invalid') }),
  response: z.object({ removed: z.literal(true) }),
});

/* ----------------------------------------- tenancies ---------------------------------------- */

export const TenantInput = z
  .object({
    name: PersonName,
    citizenId: CitizenId,
    phone: Phone,
    moveInDate: CalendarDate,
    room: Label.optional(),
  })
  .strict();
export type TenantInput = z.input<typeof TenantInput>;

export const reportDeadlines = contract({
  method: 'GET',
  path: '/api/landlord/houses/{id}/deadlines',
  access: ['resident'],
  tag: 'landlord',
  summary: "Before reporting: the pack's deadlines for a move-in or move-out on a date, whether a report now is on time, and the fines",
  params: HouseId,
  query: z.object({ event: z.enum(['moveIn', 'moveOut'], 'validation.choice'), date: CalendarDate }).strict(),
  response: z.object({ report: ReportView, fines: z.array(FineView), packId: z.enum(PACK_IDS) }),
});

export const reportTenants = contract({
  method: 'POST',
  path: '/api/landlord/houses/{id}/tenancies',
  access: ['resident'],
  tag: 'landlord',
  summary:
    'Report tenants moving in (one or several): each is matched to a person by ID number or kept as a pending person, and confirms in the portal; judged against the pack’s deadlines; over-occupancy is warned (Idempotency-Key)',
  params: HouseId,
  body: z
    .object({ tenants: z.array(TenantInput).min(1, 'validation.atLeastOne').max(MAX_TENANTS_PER_REPORT, 'validation.tooMany') })
    .strict(),
  response: z.object({ tenancies: z.array(Tenancy), occupancy: Occupancy }),
  status: 201,
});

export const moveTenantOut = contract({
  method: 'POST',
  path: '/api/landlord/tenancies/{id}/move-out',
  access: ['resident'],
  tag: 'landlord',
  summary: "A tenant has moved out: the tenancy ends, the tenant's registration at the address ends and they get a message",
  params: TenancyId,
  body: z.object({ movedOutOn: CalendarDate, version: z.number().int().positive().optional() }).strict(),
  response: Tenancy,
});

export const ConfirmationRequest = Tenancy.extend({
  house: HouseSummary.pick({ id: true, address: true, building: true, unit: true, room: true }),
});

export const listConfirmations = contract({
  method: 'GET',
  path: '/api/landlord/confirmations',
  access: ['resident'],
  tag: 'landlord',
  summary: "Tenants' requests to confirm they live in the caller's houses, oldest deadline first",
  response: z.object({ items: z.array(ConfirmationRequest) }),
});

export const decideConfirmation = contract({
  method: 'POST',
  path: '/api/landlord/confirmations/{id}',
  access: ['resident'],
  tag: 'landlord',
  summary: "Confirm a tenant's request (their declaration is registered without an officer visit) or decline it with a reason (it goes to the officer)",
  params: TenancyId,
  body: z
    .object({
      decision: z.enum(['confirm', 'decline'], 'validation.choice'),
      reason: plainText({ max: 200, multiline: true }).optional(),
      version: z.number().int().positive().optional(),
    })
    .strict()
    .superRefine((d, ctx) => {
      if (d.decision === 'decline' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'validation.required' });
    }),
  response: Tenancy,
});

/* --------------------------------------- tenant's side -------------------------------------- */

export const HouseForTenant = z.object({
  id: z.string(),
  address: PlaceView,
  building: z.string().optional(),
  unit: z.string().optional(),
  room: z.string().optional(),
  type: z.enum(HOUSE_TYPES),
  packId: z.enum(PACK_IDS),
  station: z.object({ id: z.string(), name: z.string() }),
  /** The landlord's surname only (张*): enough to recognise, not to identify. */
  landlordMasked: z.string(),
});
export type HouseForTenant = z.infer<typeof HouseForTenant>;

export const houseByCode = contract({
  method: 'GET',
  path: '/api/houses/by-code/{code}',
  access: ['resident'],
  tag: 'landlord',
  summary: "The house a tenant scanned or typed the code of: its address, to start a declaration there",
  params: z.object({ code: z.string().max(40, 'validation.houseCode') }),
  response: HouseForTenant,
});

export const TenantTenancy = Tenancy.omit({ tenant: true }).extend({
  house: HouseForTenant,
  /** The landlord reported this tenancy and the caller's ID number is the one reported: they may confirm it. */
  canConfirm: z.boolean(),
  /** Reported for the caller's phone, but the caller's 实名信息 is missing or has another ID number. */
  needsProfile: z.boolean(),
});
export type TenantTenancy = z.infer<typeof TenantTenancy>;

export const listMyTenancies = contract({
  method: 'GET',
  path: '/api/me/tenancies',
  access: ['resident'],
  tag: 'landlord',
  summary: "Tenancies reported for the caller (by ID number, or by the phone they signed in with) and the caller's own requests",
  response: z.object({ items: z.array(TenantTenancy) }),
});

/**
 * What the tenant says of their stay — how long they mean to stay and why — when confirming a
 * landlord's report, or as the officer records it at the check when verifying one.
 */
export const StayStatement = z.object({
  intendedStay: z.enum(INTENDED_STAYS, 'validation.choice'),
  reason: z.enum(RESIDENCE_REASONS, 'validation.choice'),
  reasonDetail: ReasonDetail.optional(),
});
export type StayStatement = z.output<typeof StayStatement>;

/** The reason in words is required when it is 'other'. */
export function reasonDetailRequired(d: { reason?: string | undefined; reasonDetail?: string | undefined }, ctx: z.RefinementCtx): void {
  if (d.reason === 'other' && !d.reasonDetail) ctx.addIssue({ code: 'custom', path: ['reasonDetail'], message: 'validation.required' });
}

export const confirmTenancy = contract({
  method: 'POST',
  path: '/api/me/tenancies/{id}/confirmation',
  access: ['resident'],
  tag: 'landlord',
  summary: "The tenant confirms the landlord's report (their residence is registered at once) or says it is not theirs (it goes to the officer)",
  params: TenancyId,
  body: z
    .object({
      decision: z.enum(['confirm', 'decline'], 'validation.choice'),
      // Asked only when confirming: the stay is what the confirmation registers.
      ...StayStatement.partial().shape,
      version: z.number().int().positive(),
    })
    .strict()
    .superRefine((d, ctx) => {
      if (d.decision !== 'confirm') return;
      if (!d.intendedStay) ctx.addIssue({ code: 'custom', path: ['intendedStay'], message: 'validation.required' });
      if (!d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'validation.required' });
      reasonDetailRequired(d, ctx);
    }),
  response: TenantTenancy,
});

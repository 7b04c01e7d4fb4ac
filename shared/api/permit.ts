/**
 * The residence permit (居住证): eligibility from the holder's pack, applications and their review,
 * the electronic permit with its QR code, endorsement, renewal, replacement and cancellation, the
 * public verification of a shown QR code, and the entitlements (我的权益) the permit brings.
 */
import * as z from 'zod';
import { citation, duration, PACK_IDS } from '#shared/policy/schema';
import { DOCUMENTS, ENTITLEMENT_AREAS, OFFICES, SERVICES } from '#shared/policy/vocabulary';
import {
  APPLICATION_EVENTS,
  APPLICATION_KINDS,
  APPLICATION_REFERENCE_PATTERN,
  APPLICATION_STATUSES,
  CORRECTION_ITEMS,
  PERMIT_STATUSES,
  REJECTION_REASONS,
} from '#shared/permit/lifecycle';
import { CalendarDate, Cursor, DeadlineView, PageLimit, PlaceView, ServedFile } from './residence.ts';
import { contract } from './route.ts';
import { plainText } from './text.ts';

/* ------------------------------------------ shapes ------------------------------------------ */

/** Whose permit: the caller's own (`self`) or an accompanying child's (the child's id). */
export const Holder = z.union([z.literal('self'), z.string().uuid('validation.invalid')]);

export const ELIGIBILITY_STATUSES = ['eligible', 'notYet', 'missing', 'notEligible'] as const;

/** The engine's answer to "may I apply?", with the reason in the request's language and the law behind it. */
export const EligibilityView = z.object({
  status: z.enum(ELIGIBILITY_STATUSES),
  /** notYet: the date every condition holds (e.g. six months of residence). */
  on: z.string().optional(),
  /** missing: what would decide it (`residenceStart` = no registered residence yet). */
  missing: z.array(z.string()).optional(),
  /** The person need not apply but may (Liaoning: students and under-16s). */
  optional: z.boolean(),
  reason: z.string(),
  citations: z.array(citation),
});
export type EligibilityView = z.infer<typeof EligibilityView>;

/** A document kind the applicant attaches (the ID card itself is the profile's, never uploaded). */
export const AttachedDocumentInput = z
  .object({ kind: z.enum(DOCUMENTS, 'validation.choice'), uploadId: z.string().uuid('validation.invalid') })
  .strict();

export const ApplicationInput = z
  .object({
    holder: Holder.default('self'),
    kind: z.enum(['first', 'replacement'], 'validation.choice').default('first'),
    /** Years of validity, where the pack lets the applicant choose (Liaoning 1, 2 or 3). */
    validityYears: z.number().int().positive('validation.choice').optional(),
    /** The photo (required where the pack lists one) and the proofs, each with its kind. */
    documents: z.array(AttachedDocumentInput).max(6, 'validation.tooMany'),
  })
  .strict();

export const ApplicationHistoryEntry = z.object({
  at: z.string(),
  event: z.enum(APPLICATION_EVENTS),
  actor: z.enum(['migrant', 'officer']),
  corrections: z.array(z.enum(CORRECTION_ITEMS)).optional(),
  reasons: z.array(z.enum(REJECTION_REASONS)).optional(),
  note: z.string().optional(),
});

export const ApplicationDocument = z.object({
  id: z.string(),
  kind: z.enum(DOCUMENTS),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

export const PermitApplication = z.object({
  id: z.string(),
  kind: z.enum(APPLICATION_KINDS),
  status: z.enum(APPLICATION_STATUSES),
  holder: Holder,
  holderName: z.string(),
  packId: z.enum(PACK_IDS),
  station: z.object({ id: z.string(), name: z.string() }),
  address: PlaceView,
  validityYears: z.number().int().optional(),
  documents: z.array(ApplicationDocument),
  submittedAt: z.string(),
  acceptedAt: z.string().optional(),
  /** From acceptance: the last day the permit must be issued (the pack's time limit; remote limit where the station is remote). */
  issueBy: DeadlineView.optional(),
  /** Returned: what to correct. Rejected: why, always with the citation. */
  corrections: z.array(z.enum(CORRECTION_ITEMS)).optional(),
  rejection: z.object({ reasons: z.array(z.enum(REJECTION_REASONS)), note: z.string().optional(), citations: z.array(citation) }).optional(),
  /** The fee the pack sets for this kind of application: free, or the card fee (Datong: replacing a lost card). */
  charge: z.enum(['free', 'cardFee']).optional(),
  permitNumber: z.string().optional(),
  updatedAt: z.string(),
  version: z.number().int(),
  history: z.array(ApplicationHistoryEntry),
});
export type PermitApplication = z.infer<typeof PermitApplication>;

export const EndorsementView = z.object({
  anniversary: z.string(),
  opens: z.string(),
  closes: z.string(),
  /** Open now: endorsing is one tap. */
  open: z.boolean(),
  citation,
});

export const PermitCard = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(PERMIT_STATUSES),
  holder: Holder,
  holderName: z.string(),
  /** Short-lived link to the holder's photo; absent when its bytes are not those attached (`photoIntegrity`). */
  photoUrl: z.string().optional(),
  photoIntegrity: ServedFile.shape.integrity,
  packId: z.enum(PACK_IDS),
  address: PlaceView,
  city: z.string(),
  issuedOn: z.string(),
  validUntil: z.string().optional(),
  /** The date residence years are counted from (restarts after a late endorsement where the pack says so). */
  yearsFrom: z.string(),
  nextEndorsement: EndorsementView.optional(),
  /** What a missed endorsement does under this pack, with its citation. */
  missedEndorsement: z
    .object({ effect: z.enum(['suspended', 'lapsed']), residenceYears: z.enum(['restartAtEndorsement', 'continuous']), citation })
    .optional(),
  endorsements: z.array(z.object({ on: z.string(), anniversary: z.string(), late: z.boolean() })),
  /** Renewal: the last day to apply on time (the pack's lead time before expiry). */
  renewBy: DeadlineView.optional(),
  cancellation: z.object({ leavingOn: z.string(), effectiveOn: z.string() }).optional(),
  /** The QR code's content: a signed token and the public link it is shown as; refetch before `expiresAt`. */
  qr: z.object({ token: z.string(), link: z.string(), expiresAt: z.string(), refreshSeconds: z.number().int() }),
  version: z.number().int(),
});
export type PermitCard = z.infer<typeof PermitCard>;

export const HolderPermit = z.object({
  holder: Holder,
  name: z.string(),
  birthDate: z.string(),
  eligibility: EligibilityView.nullable(),
  /** A guardian may apply for this child under the pack (national Art.9; not Datong). */
  guardianMayApply: z.boolean().optional(),
  /** The latest application (in progress, or the last decided). */
  application: PermitApplication.optional(),
  permit: PermitCard.optional(),
});
export type HolderPermit = z.infer<typeof HolderPermit>;

export const PermitOverview = z.object({
  /** Null until the person has a registered residence: the pack is chosen by it. */
  packId: z.enum(PACK_IDS).nullable(),
  /** The registered residence the permit is for. */
  residence: z.object({ declarationId: z.string(), address: PlaceView, moveInDate: z.string() }).nullable(),
  /** What the pack asks for: documents, validity choices (in years), whether the permit comes with the registration. */
  terms: z
    .object({
      documents: z.array(z.enum(DOCUMENTS)),
      documentsCitation: citation.optional(),
      validityChoices: z.array(duration),
      issueWithin: z.string().optional(),
      citations: z.array(citation),
    })
    .nullable(),
  self: HolderPermit,
  children: z.array(HolderPermit),
});
export type PermitOverview = z.infer<typeof PermitOverview>;

export const ApplicationId = z.object({ id: z.string().regex(APPLICATION_REFERENCE_PATTERN, 'validation.referenceNumber') });
const Version = z.number().int().positive();
/** The officer's words to the applicant on a return or a rejection. */
const DecisionNote = plainText({ max: 200, multiline: true });

/* ------------------------------------------ migrant ------------------------------------------ */

export const getPermit = contract({
  method: 'GET',
  path: '/api/me/permit',
  access: ['resident'],
  tag: 'permit',
  summary: "The caller's and their children's permits: eligibility, the latest application, the electronic permit with a fresh QR token",
  response: PermitOverview,
});

export const applyForPermit = contract({
  method: 'POST',
  path: '/api/me/permit/applications',
  access: ['resident'],
  tag: 'permit',
  summary:
    'Apply for a permit (or a replacement of a lost one) for oneself or a child; send an Idempotency-Key header so a retry returns the first application',
  body: ApplicationInput,
  response: PermitApplication,
  status: 201,
});

export const getPermitApplication = contract({
  method: 'GET',
  path: '/api/me/permit/applications/{id}',
  access: ['resident'],
  tag: 'permit',
  summary: 'One of the caller’s applications with its timeline',
  params: ApplicationId,
  response: PermitApplication,
});

export const resubmitPermitApplication = contract({
  method: 'PUT',
  path: '/api/me/permit/applications/{id}',
  access: ['resident'],
  tag: 'permit',
  summary: 'Correct a returned application (补正) and submit it again (409 application_changed when the version is stale)',
  params: ApplicationId,
  body: z
    .object({
      validityYears: z.number().int().positive('validation.choice').optional(),
      documents: z.array(AttachedDocumentInput).max(6, 'validation.tooMany'),
      version: Version,
    })
    .strict(),
  response: PermitApplication,
});

export const endorsePermit = contract({
  method: 'POST',
  path: '/api/me/permit/endorsements',
  access: ['resident'],
  tag: 'permit',
  summary: 'Endorse (签注) inside the window, or late to lift a suspension; needs an active residence registration',
  body: z.object({ holder: Holder.default('self'), version: Version }).strict(),
  response: PermitCard,
});

export const renewPermit = contract({
  method: 'POST',
  path: '/api/me/permit/renewals',
  access: ['resident'],
  tag: 'permit',
  summary: 'Apply to renew the permit before it expires (the pack’s lead time says by when); reviewed like a first application',
  body: z.object({ holder: Holder.default('self'), validityYears: z.number().int().positive('validation.choice').optional(), version: Version }).strict(),
  response: PermitApplication,
  status: 201,
});

export const cancelPermit = contract({
  method: 'POST',
  path: '/api/me/permit/cancellation',
  access: ['resident'],
  tag: 'permit',
  summary: 'Report leaving: the permit is cancelled on the leaving day, or after the pack’s return grace (Datong: 30 days)',
  body: z.object({ holder: Holder.default('self'), leavingOn: CalendarDate, version: Version }).strict(),
  response: PermitCard,
});

export const withdrawCancellation = contract({
  method: 'DELETE',
  path: '/api/me/permit/cancellation',
  access: ['resident'],
  tag: 'permit',
  summary: 'I am back (or staying): withdraw a cancellation that has not taken effect',
  query: z.object({ holder: Holder.default('self') }).strict(),
  response: PermitCard,
});

/* ---------------------------------------- entitlements ---------------------------------------- */

export const ENTITLEMENT_STATUSES = ELIGIBILITY_STATUSES;

export const EntitlementView = z.object({
  id: z.string(),
  area: z.enum(ENTITLEMENT_AREAS),
  service: z.enum(SERVICES),
  status: z.enum(ENTITLEMENT_STATUSES),
  /** notYet: the date it becomes available. */
  on: z.string().optional(),
  missing: z.array(z.string()).optional(),
  reason: z.string(),
  apply: z.object({ where: z.enum(OFFICES), bring: z.array(z.enum(DOCUMENTS)) }),
  citation,
});
export type EntitlementView = z.infer<typeof EntitlementView>;

export const EntitlementsOf = z.object({
  who: Holder,
  name: z.string(),
  /** By area, in the order of ENTITLEMENT_AREAS; areas with nothing are left out. */
  groups: z.array(z.object({ area: z.enum(ENTITLEMENT_AREAS), items: z.array(EntitlementView) })),
});

export const getEntitlements = contract({
  method: 'GET',
  path: '/api/me/entitlements',
  access: ['resident'],
  tag: 'permit',
  summary:
    'What the permit entitles the holder and each child to, with status, reason, date, where to apply and citation; `asOf` and `assume` ask "what if" of the same engine',
  query: z
    .object({
      /** Decide as of another day (e.g. when my child turns 6). */
      asOf: CalendarDate.optional(),
      /** Decide as if the permit were valid (e.g. after I renew). */
      assume: z.enum(['permitValid'], 'validation.choice').optional(),
    })
    .strict(),
  response: z.object({
    packId: z.enum(PACK_IDS).nullable(),
    asOf: z.string(),
    assumed: z.array(z.string()),
    people: z.array(EntitlementsOf),
  }),
});

/* ---------------------------------------- verification ---------------------------------------- */

export const VERIFICATION_RESULTS = PERMIT_STATUSES;

export const verifyPermit = contract({
  method: 'GET',
  path: '/api/verify/{token}',
  access: 'public',
  tag: 'permit',
  summary:
    'Verify a QR token from a shown permit: the signature, then the live status; 400 verification_token_invalid (forged or altered), 410 verification_token_expired',
  params: z.object({ token: z.string().min(10, 'validation.invalid').max(2000, 'validation.invalid') }),
  response: z.object({
    result: z.enum(VERIFICATION_RESULTS),
    number: z.string(),
    city: z.string(),
    validUntil: z.string().optional(),
    holder: z.object({ nameMasked: z.string(), photoUrl: z.string().optional(), photoIntegrity: ServedFile.shape.integrity }),
    checkedAt: z.string(),
  }),
});

/* ------------------------------------------ officer ------------------------------------------ */

export const PermitQueueItem = z.object({
  id: z.string(),
  kind: z.enum(APPLICATION_KINDS),
  status: z.enum(APPLICATION_STATUSES),
  name: z.string(),
  citizenIdMasked: z.string(),
  forChild: z.boolean(),
  address: PlaceView,
  submittedAt: z.string(),
  acceptedAt: z.string().optional(),
  /** The last day to issue (from acceptance, in the pack's unit), once accepted. */
  issueBy: z.string().optional(),
  /** Days to `issueBy` in the rule's unit (negative when overdue). */
  daysLeft: z.number().int().optional(),
  overdue: z.boolean(),
  remote: z.boolean(),
  version: z.number().int(),
});
export type PermitQueueItem = z.infer<typeof PermitQueueItem>;

export const listPermitApplications = contract({
  method: 'GET',
  path: '/api/officer/permit-applications',
  access: ['officer'],
  tag: 'permit-review',
  summary: "The station's permit applications by status, the nearest legal time limit first; paginated by key",
  query: z
    .object({
      status: z.enum(APPLICATION_STATUSES, 'validation.choice').default('submitted'),
      cursor: Cursor,
      limit: PageLimit,
    })
    .strict(),
  response: z.object({ items: z.array(PermitQueueItem), cursor: z.string().optional() }),
});

export const PermitApplicationForReview = PermitApplication.omit({ documents: true }).extend({
  person: z.object({
    name: z.string(),
    citizenIdMasked: z.string(),
    birthDate: z.string(),
    sex: z.enum(['male', 'female']).optional(),
    phone: z.string(),
  }),
  /** The engine's eligibility for the holder today, for the officer to check against. */
  eligibility: EligibilityView.nullable(),
  documents: z.array(ApplicationDocument.extend(ServedFile.shape)),
  daysLeft: z.number().int().optional(),
});

export const getPermitApplicationForReview = contract({
  method: 'GET',
  path: '/api/officer/permit-applications/{id}',
  access: ['officer'],
  tag: 'permit-review',
  summary: 'One application of the station with the person, documents and eligibility; every read is audited',
  params: ApplicationId,
  response: PermitApplicationForReview,
});

export const PermitDecisionInput = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('accept'), version: Version }).strict(),
    z.object({ action: z.literal('approve'), version: Version }).strict(),
    z
      .object({
        action: z.literal('return'),
        corrections: z.array(z.enum(CORRECTION_ITEMS, 'validation.choice')).min(1, 'validation.required'),
        note: DecisionNote.optional(),
        version: Version,
      })
      .strict(),
    z
      .object({
        action: z.literal('reject'),
        reasons: z.array(z.enum(REJECTION_REASONS, 'validation.choice')).min(1, 'validation.required'),
        note: DecisionNote.optional(),
        version: Version,
      })
      .strict(),
  ],
  'validation.choice',
);

export const decidePermitApplication = contract({
  method: 'POST',
  path: '/api/officer/permit-applications/{id}/decision',
  access: ['officer'],
  tag: 'permit-review',
  summary: 'Accept (受理), approve (issues the electronic permit), return for correction, or reject with reasons; 409 application_changed when another officer decided first',
  params: ApplicationId,
  body: PermitDecisionInput,
  response: PermitApplication,
});

export const BULK_APPROVE_MAX = 50;

export const bulkApprovePermitApplications = contract({
  method: 'POST',
  path: '/api/officer/permit-applications/approvals',
  access: ['officer'],
  tag: 'permit-review',
  summary: 'Approve several accepted applications; each is decided on its own (one that changed meanwhile is reported, not approved)',
  body: z
    .object({
      items: z
        .array(z.object({ id: ApplicationId.shape.id, version: Version }).strict())
        .min(1, 'validation.required')
        .max(BULK_APPROVE_MAX, 'validation.tooMany'),
    })
    .strict(),
  response: z.object({
    results: z.array(
      z.object({ id: z.string(), outcome: z.enum(['approved', 'changed', 'notFound', 'notAllowed']), permitNumber: z.string().optional() }),
    ),
  }),
});

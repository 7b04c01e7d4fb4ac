/**
 * The migrant's side of residence registration (居住登记): real-name profile, accompanying
 * children, proof uploads, declarations and the messages about them. Paths are fixed: clients and
 * agencies integrate against them.
 */
import * as z from 'zod';
import { readCitizenId, normaliseCitizenId } from '#shared/residence/citizen-id';
import { isIsoDate } from '#shared/policy/civil-time';
import { citation, timeRule, PACK_IDS, isoDate as isoDateShape } from '#shared/policy/schema';
import { DOCUMENTS } from '#shared/policy/vocabulary';
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  ETHNICITIES,
  HOUSING_TYPES,
  INTENDED_STAYS,
  MAX_CHILDREN,
  PROOF_CONTENT_TYPES,
  PROOF_MAX_BYTES,
  RESIDENCE_REASONS,
  RETURN_REASONS,
  SCHOOL_STATUSES,
} from '#shared/residence/vocabulary';
import { DECLARATION_EVENTS, DECLARATION_STATUSES, REFERENCE_PATTERN } from '#shared/residence/declaration';
import { HOUSE_CODE_PATTERN } from '#shared/landlord/house';
import { Phone } from './identity.ts';
import { contract } from './route.ts';
import { FileName, plainText } from './text.ts';

/* ----------------------------------------------------------------------------------------------
 * Field shapes. Messages are `errors:validation.*` keys; the server checks what needs today's date
 * (future dates, age) again with its own clock.
 * -------------------------------------------------------------------------------------------- */

/** A calendar date that exists (`2026-02-30` does not). */
export const CalendarDate = isoDateShape.refine(isIsoDate, 'validation.isoDate');

/** A date not after today in Asia/Shanghai, by the clock of whoever parses it. */
export const PastOrToday = (today: () => string) => CalendarDate.refine((d) => d <= today(), 'validation.futureDate');

/** Format and checksum of GB 11643; the birth date is checked against a wide bound here, the exact one (not in the future) on the server. */
export const CitizenId = z
  .string()
  .trim()
  .transform(normaliseCitizenId)
  .superRefine((value, ctx) => {
    const read = readCitizenId(value, '9999-12-31');
    if (!read.ok) ctx.addIssue({ code: 'custom', message: `validation.${read.problem}` });
  });

export const PersonName = plainText({ max: 40 }).regex(/^[^\d<>{}\\/@#$%^&*=+|~`]+$/u, 'validation.personName');

/** Street-level (9 digits) GB/T 2260 code: a declared residence is placed down to the 街道/乡镇. */
export const StreetCode = z.string().regex(/^\d{9}$/, 'validation.streetCode');
/** County-level (6 digits) code, as a hukou address is recorded. */
export const CountyCode = z.string().regex(/^\d{6}$/, 'validation.countyCode');
export const AddressDetail = plainText({ min: 2, max: 120 });
/** The reason for living somewhere in the person's words, when none of the listed reasons fits. */
export const ReasonDetail = plainText({ max: 80 });

/** A place: its division code and the names from province down (filled by the server). */
export const PlaceView = z.object({ division: z.string(), path: z.array(z.string()), detail: z.string() });
export type PlaceView = z.infer<typeof PlaceView>;

/* ---------------------------------------- profile ------------------------------------------- */

export const ProfileInput = z
  .object({
    name: PersonName,
    citizenId: CitizenId,
    ethnicity: z.enum(ETHNICITIES, 'validation.choice'),
    hukou: z.object({ division: CountyCode, detail: AddressDetail }).strict(),
    education: z.enum(EDUCATION_LEVELS, 'validation.choice'),
    employment: z.enum(EMPLOYMENT_STATUSES, 'validation.choice'),
    employer: plainText({ max: 80 }).optional(),
    /** The version the client read; omitted when creating the profile. */
    version: z.number().int().positive().optional(),
  })
  .strict();
export type ProfileInput = z.input<typeof ProfileInput>;

export const Profile = z.object({
  name: z.string(),
  /** Masked (`110101********1234`): the full number is never sent back, not even to its owner. */
  citizenIdMasked: z.string(),
  birthDate: z.string(),
  sex: z.enum(['male', 'female']),
  ethnicity: z.enum(ETHNICITIES),
  phone: z.string(),
  hukou: PlaceView,
  education: z.enum(EDUCATION_LEVELS),
  employment: z.enum(EMPLOYMENT_STATUSES),
  employer: z.string().optional(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Profile = z.infer<typeof Profile>;

export const getProfile = contract({
  method: 'GET',
  path: '/api/me/profile',
  access: ['resident'],
  tag: 'residence',
  summary: "The caller's real-name profile (404 profile_not_found before it is filled in)",
  response: Profile,
});

export const putProfile = contract({
  method: 'PUT',
  path: '/api/me/profile',
  access: ['resident'],
  tag: 'residence',
  summary: 'Create or update the real-name profile; one account per citizen ID number (409 citizen_id_taken)',
  body: ProfileInput,
  response: Profile,
});

/* ---------------------------------------- children ------------------------------------------ */

export const ChildInput = z
  .object({
    name: PersonName,
    /** Either the child's ID number (birth date and sex are read from it) or the birth date. */
    citizenId: CitizenId.optional(),
    birthDate: CalendarDate.optional(),
    sex: z.enum(['male', 'female'], 'validation.choice').optional(),
    schoolStatus: z.enum(SCHOOL_STATUSES, 'validation.choice'),
  })
  .strict()
  .superRefine((child, ctx) => {
    if (!child.citizenId && !child.birthDate) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'validation.childIdOrBirthDate' });
  });
export type ChildInput = z.input<typeof ChildInput>;

export const Child = z.object({
  id: z.string(),
  name: z.string(),
  citizenIdMasked: z.string().optional(),
  birthDate: z.string(),
  sex: z.enum(['male', 'female']).optional(),
  schoolStatus: z.enum(SCHOOL_STATUSES),
  addedAt: z.string(),
});
export type Child = z.infer<typeof Child>;

export const listChildren = contract({
  method: 'GET',
  path: '/api/me/children',
  access: ['resident'],
  tag: 'residence',
  summary: 'Accompanying children under 16 (随行子女)',
  response: z.object({ children: z.array(Child), max: z.literal(MAX_CHILDREN) }),
});

export const addChild = contract({
  method: 'POST',
  path: '/api/me/children',
  access: ['resident'],
  tag: 'residence',
  summary: 'Add an accompanying child under 16',
  body: ChildInput,
  response: Child,
  status: 201,
});

/* ---------------------------------------- uploads ------------------------------------------- */

/**
 * What a file is for: proof of residence for a declaration, or the photo or a proof of a permit
 * application. A file attaches only where its purpose says.
 */
export const UPLOAD_PURPOSES = ['residenceProof', 'permitPhoto', 'permitProof'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/** A permit photo is an image: it is shown on the card and to whoever checks it. */
export const PHOTO_CONTENT_TYPES: readonly (typeof PROOF_CONTENT_TYPES)[number][] = ['image/jpeg', 'image/png'];

export const UploadRequest = z
  .object({
    purpose: z.enum(UPLOAD_PURPOSES, 'validation.choice'),
    fileName: FileName,
    contentType: z.enum(PROOF_CONTENT_TYPES, 'validation.fileType'),
    size: z.number().int().min(1, 'validation.fileEmpty').max(PROOF_MAX_BYTES, 'validation.fileTooLarge'),
  })
  .strict()
  .superRefine((u, ctx) => {
    if (u.purpose === 'permitPhoto' && !PHOTO_CONTENT_TYPES.includes(u.contentType)) {
      ctx.addIssue({ code: 'custom', path: ['contentType'], message: 'validation.photoType' });
    }
  });

export const UploadTicket = z.object({
  uploadId: z.string(),
  /** PUT the file's bytes here with exactly `headers`; S3 presigned in AWS, the local server locally. */
  url: z.string(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});

export const createUpload = contract({
  method: 'POST',
  path: '/api/me/uploads',
  access: ['resident'],
  tag: 'residence',
  summary: 'Ask where to upload a document (image or PDF, size- and type-checked); attach it to a declaration by its uploadId',
  body: UploadRequest,
  response: UploadTicket,
  status: 201,
});

export const Document = z.object({
  id: z.string(),
  kind: z.enum(DOCUMENTS),
  fileName: z.string(),
  contentType: z.enum(PROOF_CONTENT_TYPES),
  size: z.number().int(),
});

/**
 * A stored file as an officer or a checker is given it: a short-lived link (presigned in AWS), or,
 * when its bytes are not those whose SHA-256 was recorded as it was attached, no link and
 * `integrity: 'mismatch'`.
 */
export const ServedFile = z.object({
  url: z.string().optional(),
  integrity: z.literal('mismatch').optional(),
});

/* -------------------------------------- declarations ---------------------------------------- */

export const DeclarationInput = z
  .object({
    address: z.object({ division: StreetCode, detail: AddressDetail }).strict(),
    moveInDate: CalendarDate,
    intendedStay: z.enum(INTENDED_STAYS, 'validation.choice'),
    reason: z.enum(RESIDENCE_REASONS, 'validation.choice'),
    reasonDetail: ReasonDetail.optional(),
    housing: z.enum(HOUSING_TYPES, 'validation.choice'),
    landlordPhone: Phone.optional(),
    /** Required when the pack asks for 住所证明 (Xinjiang); the server says so with `proof_required`. */
    proofUploadId: z.string().uuid('validation.invalid').optional(),
    /** Change of address: the registered declaration this one replaces once verified. */
    changeOf: z.string().regex(REFERENCE_PATTERN, 'validation.invalid').optional(),
    /**
     * The registered rental house the tenant scanned or typed the code of: its landlord is asked to
     * confirm, and the declaration goes to the officer only if they decline or do not answer in time.
     */
    houseCode: z.string().regex(HOUSE_CODE_PATTERN, 'validation.houseCode').optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.houseCode && d.housing !== 'rented') ctx.addIssue({ code: 'custom', path: ['housing'], message: 'validation.houseIsRented' });
    if (d.housing === 'rented' && !d.landlordPhone && !d.houseCode) ctx.addIssue({ code: 'custom', path: ['landlordPhone'], message: 'validation.required' });
    if (d.reason === 'other' && !d.reasonDetail) ctx.addIssue({ code: 'custom', path: ['reasonDetail'], message: 'validation.required' });
  });
export type DeclarationInput = z.input<typeof DeclarationInput>;

/** The deadline that applies to a declaration, from its pack; null when the regulation sets none. */
export const DeadlineView = z.object({
  packId: z.enum(PACK_IDS),
  rule: timeRule,
  citation,
  /** The first instant that is too late (ISO, UTC). */
  due: z.string(),
  /** The last day (Asia/Shanghai) on which filing is on time. */
  lastDay: z.string(),
  rolledFrom: z.string().optional(),
  filing: z.enum(['onTime', 'late', 'early']),
  /** Years whose holidays were not known; the date counts weekends only there. */
  assumedWeekendsOnly: z.array(z.number().int()),
});
export type DeadlineView = z.infer<typeof DeadlineView>;

export const HistoryEntry = z.object({
  at: z.string(),
  event: z.enum(DECLARATION_EVENTS),
  actor: z.enum(['migrant', 'officer', 'landlord', 'system']),
  reasons: z.array(z.enum(RETURN_REASONS)).optional(),
  note: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Declaration = z.object({
  id: z.string(),
  status: z.enum(DECLARATION_STATUSES),
  packId: z.enum(PACK_IDS),
  station: z.object({ id: z.string(), name: z.string() }),
  address: PlaceView,
  moveInDate: z.string(),
  intendedStay: z.enum(INTENDED_STAYS),
  reason: z.enum(RESIDENCE_REASONS),
  reasonDetail: z.string().optional(),
  housing: z.enum(HOUSING_TYPES),
  landlordPhone: z.string().optional(),
  documents: z.array(Document),
  deadline: DeadlineView.nullable(),
  changeOf: z.string().optional(),
  /** A declaration at a registered rental house: the house and the tenancy it belongs to. */
  houseId: z.string().optional(),
  tenancyId: z.string().optional(),
  /**
   * The landlord's part: asked to confirm until `due` (then the officer decides), confirmed,
   * declined (with the reason; the officer decides), or referred to the officer when nobody answered.
   */
  landlordConfirmation: z
    .object({
      state: z.enum(['requested', 'confirmed', 'declined', 'referred']),
      due: z.string(),
      at: z.string().optional(),
      reason: z.string().optional(),
    })
    .optional(),
  /** Set when ended: the move-out date and the change deadline that applied to reporting it. */
  movedOut: z.object({ on: z.string(), deadline: DeadlineView.nullable() }).optional(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  registeredAt: z.string().optional(),
  version: z.number().int(),
  history: z.array(HistoryEntry),
});
export type Declaration = z.infer<typeof Declaration>;

export const DeclarationSummary = Declaration.pick({
  id: true,
  status: true,
  address: true,
  moveInDate: true,
  submittedAt: true,
  updatedAt: true,
  deadline: true,
});

/** A page's position as the server wrote it (base64url), and nothing else. */
export const Cursor = z.string().max(800, 'validation.invalid').regex(/^[\w-]*$/, 'validation.invalid').optional();
export const PageLimit = z.coerce.number().int().min(1, 'validation.invalid').max(50, 'validation.invalid').default(20);

export const previewDeadline = contract({
  method: 'GET',
  path: '/api/me/declarations/deadline',
  access: ['resident'],
  tag: 'residence',
  summary: 'The deadline and documents that apply to declaring a residence at a street on a move-in date, before submitting',
  query: z
    .object({
      division: StreetCode,
      moveInDate: CalendarDate,
      change: z.enum(['true', 'false']).default('false'),
    })
    .strict(),
  response: z.object({
    packId: z.enum(PACK_IDS),
    place: PlaceView.omit({ detail: true }),
    station: z.object({ id: z.string(), name: z.string() }).nullable(),
    deadline: DeadlineView.nullable(),
    documents: z.array(z.enum(DOCUMENTS)),
    proofRequired: z.boolean(),
  }),
});

export const submitDeclaration = contract({
  method: 'POST',
  path: '/api/me/declarations',
  access: ['resident'],
  tag: 'residence',
  summary:
    'Declare a residence. Send an Idempotency-Key header: a retry with the same key returns the first declaration instead of a second one',
  body: DeclarationInput,
  response: Declaration,
  status: 201,
});

export const listDeclarations = contract({
  method: 'GET',
  path: '/api/me/declarations',
  access: ['resident'],
  tag: 'residence',
  summary: "The caller's declarations, newest first",
  query: z.object({ cursor: Cursor, limit: PageLimit }).strict(),
  response: z.object({ items: z.array(DeclarationSummary), cursor: z.string().optional() }),
});

export const DeclarationId = z.object({ id: z.string().regex(REFERENCE_PATTERN, 'validation.referenceNumber') });

export const getDeclaration = contract({
  method: 'GET',
  path: '/api/me/declarations/{id}',
  access: ['resident'],
  tag: 'residence',
  summary: 'One of the caller’s declarations with its history',
  params: DeclarationId,
  response: Declaration,
});

export const resubmitDeclaration = contract({
  method: 'PUT',
  path: '/api/me/declarations/{id}',
  access: ['resident'],
  tag: 'residence',
  summary: 'Correct a returned declaration and submit it again (409 declaration_changed when the version is stale)',
  params: DeclarationId,
  body: z.object({ declaration: DeclarationInput, version: z.number().int().positive() }).strict(),
  response: Declaration,
});

export const moveOut = contract({
  method: 'POST',
  path: '/api/me/declarations/{id}/move-out',
  access: ['resident'],
  tag: 'residence',
  summary: 'I have moved out: ends the registration (or withdraws a pending declaration); the pack’s change deadline applies',
  params: DeclarationId,
  body: z.object({ movedOutOn: CalendarDate, version: z.number().int().positive().optional() }).strict(),
  response: Declaration,
});

/* ---------------------------------------- messages ------------------------------------------ */

export const MESSAGE_KINDS = [
  'declarationSubmitted',
  'declarationReturned',
  'declarationResubmitted',
  'declarationVerified',
  'declarationEnded',
  'permitApplied',
  'permitResubmitted',
  'permitAccepted',
  'permitReturned',
  'permitRejected',
  'permitIssued',
  'endorsementOpen',
  'endorsementClosing',
  'permitEndorsed',
  'permitSuspended',
  'permitExpired',
  'cancellationScheduled',
  'cancellationWithdrawn',
  'permitCancelled',
  // Landlords and tenants.
  'tenancyReported',
  'confirmationRequested',
  'declarationConfirmed',
  'confirmationDeclined',
  'confirmationReferred',
  'tenancyEnded',
  'tenantConfirmed',
  'tenantDeclined',
  'tenancyVerified',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const Message = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  /** Where the message leads in the portal, e.g. the declaration. */
  declarationId: z.string().optional(),
  /** …or the permit application (the permit page when neither is set and the kind is a permit's). */
  applicationId: z.string().optional(),
  /** …or a tenancy (the tenant's confirmation page) or a house (the landlord's). */
  tenancyId: z.string().optional(),
  houseId: z.string().optional(),
  title: z.string(),
  body: z.string(),
});
export type Message = z.infer<typeof Message>;

export const listMessages = contract({
  method: 'GET',
  path: '/api/me/messages',
  access: ['resident'],
  tag: 'residence',
  summary: "The caller's messages, newest first, in the request's language",
  query: z.object({ cursor: Cursor, limit: PageLimit }).strict(),
  response: z.object({ items: z.array(Message), cursor: z.string().optional() }),
});

/** Limits the portal shows next to the form fields. */
export const UPLOAD_LIMITS = { maxBytes: PROOF_MAX_BYTES, contentTypes: PROOF_CONTENT_TYPES } as const;

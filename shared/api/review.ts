/**
 * The officer's side of residence registration: the station's queue, a declaration with the
 * person's data (ID number masked until revealed, which is audited), and the decision.
 */
import * as z from 'zod';
import { RETURN_REASONS } from '#shared/residence/vocabulary';
import { DECLARATION_STATUSES } from '#shared/residence/declaration';
import { Child, Cursor, Declaration, DeclarationId, PageLimit, PlaceView, Document, Profile, ServedFile, StreetCode } from './residence.ts';
import { contract } from './route.ts';
import { plainText } from './text.ts';

export const QueueItem = z.object({
  id: z.string(),
  status: z.enum(DECLARATION_STATUSES),
  name: z.string(),
  citizenIdMasked: z.string(),
  address: PlaceView,
  moveInDate: z.string(),
  submittedAt: z.string(),
  /** The last day the registration is on time (the pack's deadline), if the pack sets one. */
  actBy: z.string().optional(),
  /** Working days from today to `actBy` (negative when overdue); absent when there is no deadline. */
  workingDaysLeft: z.number().int().optional(),
  version: z.number().int(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const listQueue = contract({
  method: 'GET',
  path: '/api/officer/declarations',
  access: ['officer'],
  tag: 'review',
  summary: "Declarations of the officer's station, oldest deadline first, by status and street/community; paginated by key",
  query: z
    .object({
      status: z.enum(DECLARATION_STATUSES, 'validation.choice').default('submitted'),
      /** A street (街道/乡镇) within the station's divisions. */
      street: StreetCode.optional(),
      cursor: Cursor,
      limit: PageLimit,
    })
    .strict(),
  response: z.object({ items: z.array(QueueItem), cursor: z.string().optional() }),
});

/** The declaring person as the officer sees them: the profile without its edit bookkeeping. */
export const PersonView = Profile.omit({ version: true, updatedAt: true });

export const ReviewDocument = Document.extend(ServedFile.shape);

export const DeclarationForReview = Declaration.omit({ documents: true }).extend({
  person: PersonView,
  children: z.array(Child),
  documents: z.array(ReviewDocument),
  workingDaysLeft: z.number().int().optional(),
});
export type DeclarationForReview = z.infer<typeof DeclarationForReview>;

export const getForReview = contract({
  method: 'GET',
  path: '/api/officer/declarations/{id}',
  access: ['officer'],
  tag: 'review',
  summary: 'A declaration of the station with the person’s data; the read is audited',
  params: DeclarationId,
  response: DeclarationForReview,
});

export const revealCitizenId = contract({
  method: 'POST',
  path: '/api/officer/declarations/{id}/citizen-id',
  access: ['officer'],
  tag: 'review',
  summary: 'The full citizen ID number of the declaring person; written to the audit trail the person sees',
  params: DeclarationId,
  body: z.object({ purpose: plainText({ min: 2, max: 200 }) }).strict(),
  response: z.object({ citizenId: z.string() }),
});

export const DecisionInput = z
  .object({
    decision: z.enum(['verify', 'return'], 'validation.choice'),
    reasons: z.array(z.enum(RETURN_REASONS, 'validation.choice')).max(RETURN_REASONS.length).default([]),
    note: plainText({ max: 500, multiline: true }).optional(),
    /** The version the officer saw; a decision on anything newer is refused with 409 declaration_changed. */
    version: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.decision === 'return' && d.reasons.length === 0) ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'validation.returnReasons' });
    if (d.decision === 'return' && d.reasons.includes('other') && !d.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'validation.required' });
    if (d.decision === 'verify' && d.reasons.length > 0) ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'validation.noReasonsOnVerify' });
  });
export type DecisionInput = z.input<typeof DecisionInput>;

export const decide = contract({
  method: 'POST',
  path: '/api/officer/declarations/{id}/decision',
  access: ['officer'],
  tag: 'review',
  summary: 'Verify (→ registered) or return for correction with reasons; exactly one of two concurrent decisions wins',
  params: DeclarationId,
  body: DecisionInput,
  response: DeclarationForReview,
});

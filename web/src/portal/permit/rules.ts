/**
 * What the permit screens decide without asking the server again: who may apply now, the steps of an
 * application, what it sends, and which actions a permit card offers. The server checks all of it
 * again; these only keep a person from being offered what would be refused.
 */
import type { z } from 'zod';
import type { AttachedDocumentInput, HolderPermit, PermitApplication, PermitCard, PermitOverview } from '#shared/api/permit';
import { APPLICATION_IN_PROGRESS } from '#shared/permit/lifecycle';
import type { Duration } from '#shared/policy/schema';
import type { PolicyDocument } from '#shared/policy/vocabulary';

/** An uploaded file as the form keeps it (the residence proof step's shape). */
export interface UploadedFile {
  uploadId: string;
  fileName: string;
  size: number;
  contentType: string;
}

/** Documents that come from the real-name profile and are never uploaded. */
const PROFILE_DOCUMENTS: readonly PolicyDocument[] = ['citizenId'];

/** The proofs the pack asks for, each uploaded under its own kind: all its documents but the ID card and the photo. */
export const proofKindsOf = (documents: readonly PolicyDocument[]): PolicyDocument[] =>
  documents.filter((kind) => kind !== 'photo' && !PROFILE_DOCUMENTS.includes(kind));

/** The pack's documents that the applicant does not upload (shown as "from your profile"). */
export const profileDocumentsOf = (documents: readonly PolicyDocument[]): PolicyDocument[] =>
  documents.filter((kind) => PROFILE_DOCUMENTS.includes(kind));

/** The validity choices in whole years (the form's and the API's unit), in the pack's order. */
export function validityYearsOf(choices: readonly Duration[]): number[] {
  return choices.flatMap((choice) => {
    if (choice.unit === 'years') return [choice.amount];
    if (choice.unit === 'months' && choice.amount % 12 === 0) return [choice.amount / 12];
    return [];
  });
}

/** The application still waiting for someone (submitted, accepted, returned), if there is one. */
export function openApplicationOf(holder: HolderPermit): PermitApplication | undefined {
  const application = holder.application;
  return application && APPLICATION_IN_PROGRESS.includes(application.status) ? application : undefined;
}

/** A permit that still counts: valid, or suspended until it is endorsed. */
export const isActivePermit = (permit: PermitCard | undefined): permit is PermitCard =>
  permit !== undefined && (permit.status === 'valid' || permit.status === 'suspended');

/**
 * Whether a first application can be started for this holder now: eligible (or eligible by choice),
 * nothing in progress, no permit that still counts, and for a child, a pack that lets a guardian apply.
 */
export function mayApply(holder: HolderPermit): boolean {
  if (holder.holder !== 'self' && !holder.guardianMayApply) return false;
  if (openApplicationOf(holder) || isActivePermit(holder.permit)) return false;
  return holder.eligibility?.status === 'eligible';
}

/** The people an application can be made for now: the caller first, then each child in turn. */
export const applicantsOf = (overview: PermitOverview): HolderPermit[] => [overview.self, ...overview.children].filter(mayApply);

export const holderOf = (overview: PermitOverview, holder: string): HolderPermit | undefined =>
  holder === 'self' ? overview.self : overview.children.find((child) => child.holder === holder);

export type ApplicationKind = 'first' | 'replacement';
export const APPLY_STEPS = ['who', 'validity', 'photo', 'proofs', 'check'] as const;
export type ApplyStep = (typeof APPLY_STEPS)[number];

/**
 * The steps this application goes through: "whom for" only when there is a choice of people,
 * validity only when the pack offers more than one, proofs only when it lists some. A replacement
 * of a lost card is for the permit it replaces, with its validity: a new photo and the proofs.
 */
export function applySteps(kind: ApplicationKind, options: { applicants: number; validityChoices: number; proofKinds: number }): ApplyStep[] {
  return APPLY_STEPS.filter((step) => {
    if (step === 'who') return kind === 'first' && options.applicants > 1;
    if (step === 'validity') return kind === 'first' && options.validityChoices > 1;
    if (step === 'proofs') return options.proofKinds > 0;
    return true;
  });
}

/** The form as far as the applicant has got. */
export interface ApplyDraft {
  holder?: string;
  validityYears?: number;
  photo?: UploadedFile;
  proofs?: Partial<Record<PolicyDocument, UploadedFile>>;
}

type AttachedDocument = z.input<typeof AttachedDocumentInput>;

/** The documents sent, the photo first and then the proofs in the pack's order; their index is the API's field path. */
export function documentsOf(draft: ApplyDraft, proofKinds: readonly PolicyDocument[]): AttachedDocument[] {
  const documents: AttachedDocument[] = [];
  if (draft.photo) documents.push({ kind: 'photo', uploadId: draft.photo.uploadId });
  for (const kind of proofKinds) {
    const file = draft.proofs?.[kind];
    if (file) documents.push({ kind, uploadId: file.uploadId });
  }
  return documents;
}

/** The kind of the document an API field path (`documents.1.uploadId`) points at, given what was sent. */
export function documentKindAt(path: string, sent: readonly AttachedDocument[]): PolicyDocument | undefined {
  const match = /^documents\.(\d+)(\.|$)/.exec(path);
  return match ? sent[Number(match[1])]?.kind : undefined;
}

/** What the card offers: each action only where the permit's state and the pack allow it. */
export interface CardActions {
  /** One tap inside the endorsement window, or late to lift a suspension. */
  endorse: boolean;
  renew: boolean;
  leave: boolean;
  /** A leaving reported but not yet in effect can be taken back. */
  withdrawLeaving: boolean;
  replace: boolean;
}

export function cardActionsOf(holder: HolderPermit): CardActions {
  const permit = holder.permit;
  const none = { endorse: false, renew: false, leave: false, withdrawLeaving: false, replace: false };
  if (!permit) return none;
  const busy = openApplicationOf(holder) !== undefined;
  const active = isActivePermit(permit);
  return {
    endorse: active && (permit.status === 'suspended' || permit.nextEndorsement?.open === true),
    renew: !busy && permit.status !== 'cancelled' && permit.validUntil !== undefined,
    leave: active && permit.cancellation === undefined,
    withdrawLeaving: active && permit.cancellation !== undefined,
    replace: !busy && active,
  };
}

/** Whole seconds until the QR code is fetched again, counted from when this one arrived (the server's clock may differ from the phone's). */
export function qrSecondsLeft(receivedAt: number, refreshSeconds: number, now: number): number {
  return Math.max(0, Math.ceil(refreshSeconds - (now - receivedAt) / 1000));
}

export const PROGRESS_STEPS = ['submitted', 'accepted', 'approved', 'issued'] as const;
export type ProgressStep = (typeof PROGRESS_STEPS)[number];
export interface ProgressItem {
  step: ProgressStep;
  /** done: it happened (at `at`); current: it is what happens next; waiting: after that; stopped: it never will (refused). */
  state: 'done' | 'current' | 'waiting' | 'stopped';
  at?: string;
}

/**
 * The road an application takes — submitted, accepted (受理), approved, issued — and how far along it
 * is: each step with when it last happened. A returned application waits at acceptance for the
 * correction; a refused one stops where it was refused.
 */
export function progressOf(application: Pick<PermitApplication, 'status' | 'history'>): ProgressItem[] {
  const history = application.history;
  // Steps count from the latest (re)submission: a corrected application is accepted afresh.
  let from = -1;
  history.forEach((entry, index) => {
    if (entry.event === 'submitted' || entry.event === 'resubmitted') from = index;
  });
  const since = history.slice(Math.max(0, from));
  const times: Record<ProgressStep, string | undefined> = {
    submitted: from >= 0 ? history[from]!.at : undefined,
    accepted: since.find((entry) => entry.event === 'accepted')?.at,
    approved: since.find((entry) => entry.event === 'approved')?.at,
    issued: since.find((entry) => entry.event === 'issued')?.at,
  };
  let reachedOpen = false;
  return PROGRESS_STEPS.map((step): ProgressItem => {
    const at = times[step];
    if (at && !reachedOpen) return { step, state: 'done', at };
    const state = application.status === 'rejected' ? 'stopped' : reachedOpen ? 'waiting' : 'current';
    reachedOpen = true;
    return { step, state };
  });
}

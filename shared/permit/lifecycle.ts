/**
 * The life of a residence-permit application (居住证申领) and of the permit it produces, as pure rules.
 *
 *   application:  submitted ──accept──▶ accepted ──approve──▶ issued   (the electronic permit is made
 *                     │  ▲                 │   │                       in the same step as approval)
 *                 return resubmit      return  reject ──▶ rejected
 *                     ▼  │                 ▼
 *                   returned ◀─────────────┘            (submitted may also be rejected)
 *
 *   permit:       valid ──missed endorsement──▶ suspended ──late endorsement──▶ valid
 *                 valid | suspended ──validity ends──▶ expired
 *                 valid | suspended ──cancellation (after any return grace)──▶ cancelled
 */
import { datedReference, readableCode } from '../references.ts';
export const APPLICATION_STATUSES = ['submitted', 'accepted', 'returned', 'issued', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Statuses that still wait for someone: at most one application per holder is in one of them. */
export const APPLICATION_IN_PROGRESS: readonly ApplicationStatus[] = ['submitted', 'accepted', 'returned'];

export const APPLICATION_EVENTS = ['submitted', 'accepted', 'returned', 'resubmitted', 'approved', 'issued', 'rejected'] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

/** First issue, renewal (延期/换领) before expiry, or replacement (补领) of a lost card. */
export const APPLICATION_KINDS = ['first', 'renewal', 'replacement'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

/** What an officer decides on an application. */
export const OFFICER_ACTIONS = ['accept', 'approve', 'return', 'reject'] as const;
export type OfficerAction = (typeof OFFICER_ACTIONS)[number];

const ACTION_MOVES: Record<OfficerAction, { from: readonly ApplicationStatus[]; to: ApplicationStatus }> = {
  accept: { from: ['submitted'], to: 'accepted' },
  // Approval issues the electronic permit at once: approved and issued are one step.
  approve: { from: ['accepted'], to: 'issued' },
  return: { from: ['submitted', 'accepted'], to: 'returned' },
  reject: { from: ['submitted', 'accepted'], to: 'rejected' },
};

/** The status after an officer's action, or undefined when the action cannot be taken in `status`. */
export function statusAfter(status: ApplicationStatus, action: OfficerAction): ApplicationStatus | undefined {
  const move = ACTION_MOVES[action];
  return move.from.includes(status) ? move.to : undefined;
}

/** The history events an officer's action writes, in order. */
export const ACTION_EVENTS: Record<OfficerAction, readonly ApplicationEvent[]> = {
  accept: ['accepted'],
  approve: ['approved', 'issued'],
  return: ['returned'],
  reject: ['rejected'],
};

/** A migrant may correct and resubmit only a returned application. */
export const canResubmit = (status: ApplicationStatus) => status === 'returned';

/** What the officer asks to be corrected (补正) when returning an application. */
export const CORRECTION_ITEMS = [
  'photoUnsuitable',
  'proofMissing',
  'proofUnreadable',
  'proofMismatch',
  'residenceNotRegistered',
  'identityMismatch',
  'other',
] as const;
export type CorrectionItem = (typeof CORRECTION_ITEMS)[number];

/** Why an application is refused; a refusal always states at least one (Datong Art.18: 说明理由). */
export const REJECTION_REASONS = [
  'notEligibleResidence',
  'notEligibleStay',
  'notEligibleAge',
  'noStableJobHomeStudy',
  'falseInformation',
  'alreadyHoldsPermit',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const PERMIT_STATUSES = ['valid', 'suspended', 'expired', 'cancelled'] as const;
export type PermitStatus = (typeof PERMIT_STATUSES)[number];

/** An application's reference, also its id: `JZ` (居证), the Shanghai submission date, six characters. */
export const applicationReference = (submittedOn: string, random: readonly number[]) => datedReference('JZ', submittedOn, random);
export const APPLICATION_REFERENCE_PATTERN = /^JZ\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;

/** A permit number: the city's 4-digit division code, the year of issue and six characters. */
export const permitNumber = (cityCode: string, issuedOn: string, random: readonly number[]) =>
  `${cityCode}-${issuedOn.slice(0, 4)}-${readableCode(random)}`;
export const PERMIT_NUMBER_PATTERN = /^\d{4}-\d{4}-[0-9A-HJKMNP-TV-Z]{6}$/;

/**
 * Permit applications as the officer sees them: the queue row with the time left to issue in the
 * rule's own unit, and the whole application with the person, the engine's eligibility and
 * short-lived document links. Only masked ID numbers leave here.
 */
import type { z } from 'zod';
import type { EligibilityView, PermitApplicationForReview, PermitQueueItem } from '#shared/api/permit';
import type { DeadlineView } from '#shared/api/residence';
import { daysBetween } from '#shared/policy/civil-time';
import { workingDaysLeft } from '#shared/residence/time-left';
import type { ProfileItem } from '#functions/residence/items';
import { personView } from '#functions/residence/profiles';
import type { DocumentLink, Today } from '#functions/review/views';
import type { PermitApplicationItem } from '#functions/permit/items';
import { applicationView } from '#functions/permit/views';

/**
 * Days from today to the last day to issue, counted in the unit of the pack's rule: working days
 * where the rule counts working days, calendar days otherwise; negative once overdue.
 */
export function daysLeft(issueBy: DeadlineView, today: Today): number {
  const unit = issueBy.rule.kind === 'after' ? issueBy.rule.within.unit : 'days';
  return unit === 'workingDays' ? workingDaysLeft(today.date, issueBy.lastDay, today.calendar) : daysBetween(today.date, issueBy.lastDay);
}

/** The time left, for an application whose clock runs: accepted and not yet issued. */
function timeLeft(a: Pick<PermitApplicationItem, 'status' | 'issueBy'>, today: Today): { daysLeft?: number; overdue: boolean } {
  if (a.status !== 'accepted' || !a.issueBy) return { overdue: false };
  return { daysLeft: daysLeft(a.issueBy, today), overdue: today.date > a.issueBy.lastDay };
}

/** The attributes a queue row needs: the queue query projects only these. */
export const PERMIT_QUEUE_ROW_ATTRIBUTES = [
  'id',
  'kind',
  'status',
  'holder',
  'person',
  'address',
  'submittedAt',
  'acceptedAt',
  'issueBy',
  'remote',
  'version',
] as const;
export type PermitQueueRowSource = Pick<PermitApplicationItem, (typeof PERMIT_QUEUE_ROW_ATTRIBUTES)[number]>;

export function permitQueueRow(a: PermitQueueRowSource, today: Today): PermitQueueItem {
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    name: a.person.name,
    citizenIdMasked: a.person.citizenIdMasked,
    forChild: a.holder !== 'self',
    address: a.address,
    submittedAt: a.submittedAt,
    ...(a.acceptedAt ? { acceptedAt: a.acceptedAt } : {}),
    ...(a.issueBy ? { issueBy: a.issueBy.lastDay } : {}),
    ...timeLeft(a, today),
    remote: a.remote,
    version: a.version,
  };
}

export interface PermitReviewParts {
  application: PermitApplicationItem;
  profile: ProfileItem;
  eligibility: EligibilityView | null;
  /** The application's documents as served, by document id. */
  documentLinks: ReadonlyMap<string, DocumentLink>;
  today: Today;
}

export function permitReviewView({ application, profile, eligibility, documentLinks, today }: PermitReviewParts): z.input<typeof PermitApplicationForReview> {
  const { documents, ...view } = applicationView(application);
  const { name, citizenIdMasked, birthDate, sex, phone } = personView(profile);
  const { daysLeft: left } = timeLeft(application, today);
  return {
    ...view,
    person: { name, citizenIdMasked, birthDate, sex, phone },
    eligibility,
    documents: documents.map((doc) => ({ ...doc, ...documentLinks.get(doc.id) })),
    ...(left !== undefined ? { daysLeft: left } : {}),
  };
}

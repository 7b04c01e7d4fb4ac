/**
 * Stored items as the officer sees them. Only masked ID numbers leave here; the full number goes
 * out through the audited reveal alone.
 */
import type { DeclarationForReview, QueueItem } from '#shared/api/review';
import { workingDaysLeft } from '#shared/residence/time-left';
import type { WorkingCalendar } from '#shared/policy/calendar';
import type { IsoDate } from '#shared/policy/civil-time';
import type { ChildItem, DeclarationItem, ProfileItem } from '#functions/residence/items';
import { declarationView } from '#functions/residence/declarations';
import { personView } from '#functions/residence/profiles';
import { childView } from '#functions/residence/children';

/** What "today" is and which days are working days, for the time left on each deadline. */
export interface Today {
  date: IsoDate;
  calendar: WorkingCalendar;
}

/** The deadline's last day and the working days to it; nothing when the pack sets no deadline. */
function timeLeft(d: Pick<DeclarationItem, 'deadline'>, today: Today): { actBy?: string; workingDaysLeft?: number } {
  if (!d.deadline) return {};
  return { actBy: d.deadline.lastDay, workingDaysLeft: workingDaysLeft(today.date, d.deadline.lastDay, today.calendar) };
}

/** The attributes a queue row needs: the queue query projects only these. */
export const QUEUE_ROW_ATTRIBUTES = ['id', 'status', 'person', 'address', 'moveInDate', 'submittedAt', 'deadline', 'version'] as const;
export type QueueRowSource = Pick<DeclarationItem, (typeof QUEUE_ROW_ATTRIBUTES)[number]>;

export function queueRow(d: QueueRowSource, today: Today): QueueItem {
  return {
    id: d.id,
    status: d.status,
    name: d.person.name,
    citizenIdMasked: d.person.citizenIdMasked,
    address: d.address,
    moveInDate: d.moveInDate,
    submittedAt: d.submittedAt,
    ...timeLeft(d, today),
    version: d.version,
  };
}

/** A document as served to an officer: its read link, or no link when its bytes are not those attached. */
export type DocumentLink = { url: string } | { integrity: 'mismatch' };

export interface ReviewParts {
  declaration: DeclarationItem;
  profile: ProfileItem;
  children: ChildItem[];
  /** The declaration's documents as served, by document id. */
  documentLinks: ReadonlyMap<string, DocumentLink>;
  today: Today;
}

export function reviewView({ declaration, profile, children, documentLinks, today }: ReviewParts): DeclarationForReview {
  const { documents: _plain, ...view } = declarationView(declaration);
  return {
    ...view,
    person: personView(profile),
    children: children.map(childView),
    documents: declaration.documents.map((doc) => ({
      id: doc.id,
      kind: doc.kind,
      fileName: doc.fileName,
      contentType: doc.contentType,
      size: doc.size,
      ...documentLinks.get(doc.id),
    })),
    ...(declaration.deadline ? { workingDaysLeft: timeLeft(declaration, today).workingDaysLeft } : {}),
  };
}

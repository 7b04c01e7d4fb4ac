/**
 * The registration deadlines of a pack as the API shows them. Every deadline is counted on the
 * working calendar the table holds (official year calendars included), never the bundled one alone.
 */
import type { DeadlineView } from '#shared/api/residence';
import { deadlineFor, type Deadline } from '#shared/policy/deadlines';
import { startOfDay, type IsoDate } from '#shared/policy/civil-time';
import type { PolicyPack } from '#shared/policy/schema';
import { workingCalendar } from '#functions/commons/working-calendar';

export type RegistrationRule = 'registration.deadline' | 'registration.changeDeadline';

/**
 * The deadline of `rule` for an event on the Shanghai date `eventDate` (counted from the start of
 * that day, as the regulations count "from the day of arrival"), with filing judged at `filedAt`;
 * null when the pack sets no such deadline.
 */
export async function registrationDeadline(pack: PolicyPack, rule: RegistrationRule, eventDate: IsoDate, filedAt: Date): Promise<DeadlineView | null> {
  const deadline = deadlineFor(pack, rule, startOfDay(eventDate), { calendar: await workingCalendar(), filedAt });
  return deadline ? deadlineView(pack, deadline) : null;
}

/** A pack's deadline as the API shows and stores it. */
export function deadlineView(pack: PolicyPack, deadline: Deadline): DeadlineView {
  return {
    packId: pack.id,
    rule: deadline.rule,
    citation: deadline.citation,
    due: deadline.due.toISOString(),
    lastDay: deadline.lastDay,
    ...(deadline.rolledFrom ? { rolledFrom: deadline.rolledFrom } : {}),
    filing: deadline.filing ?? 'onTime',
    assumedWeekendsOnly: deadline.assumedWeekendsOnly,
  };
}

/** Documents the pack asks for at registration; a proof upload is required when they include 住所证明. */
export function registrationDocuments(pack: PolicyPack) {
  const documents = pack.registration?.documents?.items ?? [];
  return { documents, proofRequired: documents.includes('residenceProof') };
}

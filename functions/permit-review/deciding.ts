/**
 * An officer's decision on a permit application: accept (受理, which starts the legal time limit
 * for issuing), approve (which issues the electronic permit), return for correction (补正), or
 * reject with reasons. Everything a decision changes is one transaction — the application and its
 * queue keys, the audit event, the message to the person, the holder's pointers and, on approval,
 * the permit — and the version and status conditions let exactly one of two officers deciding at
 * once win.
 */
import type { z } from 'zod';
import type { PermitDecisionInput } from '#shared/api/permit';
import type { DeadlineView } from '#shared/api/residence';
import { shanghaiDate, type IsoDate } from '#shared/policy/civil-time';
import { deadlineFor, filingStatus } from '#shared/policy/deadlines';
import { packById } from '#shared/policy/registry';
import type { Citation, PolicyPack } from '#shared/policy/schema';
import { ACTION_EVENTS, statusAfter } from '#shared/permit/lifecycle';
import { now } from '#functions/commons/clock';
import { logger } from '#functions/commons/logger';
import type { Caller } from '#functions/commons/http/caller';
import { failedConditions, transact, type TransactItem } from '#functions/commons/transactions';
import { workingCalendar } from '#functions/commons/working-calendar';
import { deadlineView } from '#functions/residence/deadlines';
import { messagePut, sendNoticeSms, type Notice } from '#functions/residence/notify';
import { auditPut } from '#functions/review/audit';
import { guardedPut, releasePointer } from '#functions/review/decisions';
import { profileOf } from '#functions/review/declarations';
import type { OfficerStation } from '#functions/review/station';
import { personRecord } from '#functions/permit/records';
import { applicationIndexKeys, applyingKey, type ApplicationHistoryItem, type PermitApplicationItem } from '#functions/permit/items';
import { applicationChanged, applicationOfStation, decisionNotAllowed, holderEligibility } from './applications.ts';
import { issuePermit } from './issuing.ts';

export type PermitDecision = z.output<typeof PermitDecisionInput>;

/** What one action changes besides status, version and history. */
interface Change {
  fields: Partial<PermitApplicationItem>;
  /** What the officer gave: the corrections, or the reasons, and the note. */
  details: Pick<ApplicationHistoryItem, 'corrections' | 'reasons' | 'note'>;
  values: Record<string, string>;
  items: TransactItem[];
}

/**
 * The last day to issue, counted from the acceptance instant under the pack's rule, the remote
 * area's where the station is marked remote (and the pack sets one).
 */
async function issueByFrom(pack: PolicyPack, remote: boolean, acceptedAt: Date): Promise<DeadlineView> {
  const options = { calendar: await workingCalendar(), filedAt: acceptedAt };
  const deadline =
    (remote ? deadlineFor(pack, 'permit.remoteIssueWithin', acceptedAt, options) : undefined) ??
    deadlineFor(pack, 'permit.issueWithin', acceptedAt, options);
  // Every pack inherits the national time limit; a pack without one is a broken release.
  if (!deadline) throw new Error(`pack ${pack.id} sets no time limit for issuing a permit`);
  return deadlineView(pack, deadline);
}

/** Where the pack says a refusal states its reasons, that article; then the articles the holder's eligibility rests on. */
async function refusalCitations(a: PermitApplicationItem, pack: PolicyPack, today: IsoDate): Promise<Citation[]> {
  const eligibility = holderEligibility(await personRecord(a.accountId), a, today);
  const all = [...(pack.permit?.refusalNeedsReasons ? [pack.permit.refusalNeedsReasons.citation] : []), ...(eligibility?.citations ?? [])];
  return all.filter((c, i) => all.findIndex((d) => d.source === c.source && d.article === c.article && d.quote === c.quote) === i);
}

/** The officer's note, where one was written. */
const noted = (note: string | undefined): { note: string } | Record<string, never> => (note ? { note } : {});

const releaseApplying = (a: PermitApplicationItem) => releasePointer(applyingKey(a.accountId, a.holder), 'applicationId', a.id);

async function changeFor(a: PermitApplicationItem, decision: PermitDecision, station: OfficerStation, at: string): Promise<Change> {
  const pack = packById(a.packId);
  const instant = new Date(at);
  switch (decision.action) {
    case 'accept': {
      const issueBy = await issueByFrom(pack, station.remote, instant);
      return { fields: { acceptedAt: at, issueBy, remote: station.remote }, details: {}, values: { on: issueBy.lastDay }, items: [] };
    }
    case 'return': {
      const note = noted(decision.note);
      return {
        fields: { corrections: decision.corrections },
        details: { corrections: decision.corrections, ...note },
        values: { reasonCodes: decision.corrections.join(','), reasonList: 'corrections', ...note },
        // Still in progress: the migrant corrects it and sends it again, so the pointer stays.
        items: [],
      };
    }
    case 'reject': {
      const note = noted(decision.note);
      const [citations, pointer] = await Promise.all([refusalCitations(a, pack, shanghaiDate(instant)), releaseApplying(a)]);
      return {
        fields: { rejection: { reasons: decision.reasons, ...note, citations } },
        details: { reasons: decision.reasons, ...note },
        values: { reasonCodes: decision.reasons.join(','), reasonList: 'rejectionReasons', ...note },
        items: pointer,
      };
    }
    case 'approve': {
      const [issued, pointer] = await Promise.all([issuePermit(a, at), releaseApplying(a)]);
      const issueBy = a.issueBy && { ...a.issueBy, filing: filingStatus({ due: new Date(a.issueBy.due) }, instant) };
      return {
        fields: { permitNumber: issued.number, permitId: issued.permitId, ...(issueBy ? { issueBy } : {}) },
        details: {},
        values: { holder: a.holderName, number: issued.number },
        items: [...issued.items, ...pointer],
      };
    }
  }
}

const NOTICE_KINDS = {
  accept: 'permitAccepted',
  approve: 'permitIssued',
  return: 'permitReturned',
  reject: 'permitRejected',
} as const;

/** Decides the application for the officer of `station`; the application as it is after the decision. */
export async function decideApplication(
  id: string,
  decision: PermitDecision,
  officer: Caller,
  station: OfficerStation,
): Promise<PermitApplicationItem> {
  const current = await applicationOfStation(id, station);
  if (decision.version !== current.version) throw applicationChanged();
  const status = statusAfter(current.status, decision.action);
  if (!status) throw decisionNotAllowed();

  const at = new Date(now()).toISOString();
  const [change, profile] = await Promise.all([changeFor(current, decision, station, at), profileOf(current.accountId)]);
  const events = ACTION_EVENTS[decision.action];
  const entries: ApplicationHistoryItem[] = events.map((event, i) => ({
    at,
    event,
    actor: 'officer',
    officerId: officer.id,
    // The corrections or reasons belong to the one event that has them (returned, rejected).
    ...(i === events.length - 1 ? change.details : {}),
  }));
  const advanced: PermitApplicationItem = {
    ...current,
    ...change.fields,
    status,
    updatedAt: at,
    version: current.version + 1,
    history: [...current.history, ...entries],
  };
  const next = { ...advanced, ...applicationIndexKeys(advanced) };
  const notice: Notice = {
    accountId: current.accountId,
    kind: NOTICE_KINDS[decision.action],
    applicationId: current.id,
    values: { id: current.id, ...change.values },
    at,
  };

  try {
    // A lost race is retried by `transact` and then meets the winner's version: every way of
    // losing ends as a failed condition, i.e. 409 application_changed.
    await transact([
      guardedPut(next, current),
      auditPut({ action: 'decidePermitApplication', officerId: officer.id, stationId: station.id, accountId: current.accountId, applicationId: current.id, at }),
      messagePut(notice),
      ...change.items,
    ]);
  } catch (error) {
    if (failedConditions(error)) throw applicationChanged();
    throw error;
  }
  logger.info('permit application decided', { applicationId: current.id, action: decision.action });
  await sendNoticeSms(notice, profile.phone, profile.language);
  return next;
}

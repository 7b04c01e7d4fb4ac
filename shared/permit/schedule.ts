/**
 * The permit's calendar, decided by the holder's pack: when the yearly endorsement (签注) window
 * opens and closes, what a missed endorsement does, when the permit expires, when a cancellation
 * takes effect, and what the daily job must do on a given day. Pure: the same answers in the
 * handler, the daily job and the tests, for any "today".
 */
import { addDays, shanghaiDate, startOfDay, type IsoDate } from '#shared/policy/civil-time';
import { chineseWorkingCalendar, type WorkingCalendar } from '#shared/policy/calendar';
import { deadlineFor, type Deadline } from '#shared/policy/deadlines';
import { CalendarUse, shiftDate } from '#shared/policy/periods';
import type { Duration, PolicyPack } from '#shared/policy/schema';
import type { PermitStatus } from './lifecycle.ts';

/**
 * A product choice, not a legal rule: the reminder before the endorsement window closes is sent
 * this many days before its last day (the issue asks for 7).
 */
export const CLOSING_REMINDER_DAYS = 7;

/** The part of a permit its calendar depends on. */
export interface PermitClock {
  status: PermitStatus;
  issuedOn: IsoDate;
  /** Absent where the pack sets no validity (national: the permit is endorsed yearly, without end). */
  validUntil?: IsoDate;
  /**
   * The date the holder's residence years are counted from: the issue date, or, where the pack
   * restarts the years after a late endorsement (national Art.10), the date of that endorsement.
   */
  yearsFrom: IsoDate;
  /** The last anniversary endorsed for; the issue date (or restart date) before any endorsement. */
  endorsedThrough: IsoDate;
  /** The anniversary each reminder was last sent for, so a reminder goes out once. */
  notified?: { windowOpen?: IsoDate; closingSoon?: IsoDate };
  /** A reported departure: the permit is cancelled on `effectiveOn` unless the holder withdraws it. */
  cancellation?: { leavingOn: IsoDate; effectiveOn: IsoDate };
}

const use = (calendar?: WorkingCalendar) => new CalendarUse(calendar ?? chineseWorkingCalendar);

export function addPeriod(date: IsoDate, period: Duration, times = 1): IsoDate {
  return shiftDate(date, { amount: period.amount * times, unit: period.unit }, 1, use());
}

/** The validity the pack offers, as a duration, or undefined when the permit does not expire. */
export function validUntilFor(issuedOn: IsoDate, validity: Duration | undefined): IsoDate | undefined {
  return validity ? addPeriod(issuedOn, validity) : undefined;
}

/** The clock of a permit issued on `issuedOn` with the chosen validity. */
export function issuedClock(issuedOn: IsoDate, validity: Duration | undefined): PermitClock {
  const validUntil = validUntilFor(issuedOn, validity);
  return { status: 'valid', issuedOn, ...(validUntil ? { validUntil } : {}), yearsFrom: issuedOn, endorsedThrough: issuedOn };
}

export interface EndorsementWindow {
  /** The anniversary (居住每满1年之日) the endorsement is for: the window's last day. */
  anniversary: IsoDate;
  opens: IsoDate;
  closes: IsoDate;
  deadline: Deadline;
}

/**
 * The next endorsement the holder owes, or undefined when the pack sets none or the permit ends
 * first (an anniversary on or after the expiry date is met by renewal, not endorsement).
 */
export function nextEndorsement(pack: PolicyPack, clock: PermitClock, calendar?: WorkingCalendar): EndorsementWindow | undefined {
  const rule = pack.permit?.endorsement;
  if (!rule) return undefined;
  let k = 1;
  let anniversary = addPeriod(clock.yearsFrom, rule.every, k);
  while (anniversary <= clock.endorsedThrough) anniversary = addPeriod(clock.yearsFrom, rule.every, ++k);
  if (clock.validUntil && anniversary >= clock.validUntil) return undefined;
  const deadline = deadlineFor(pack, rule.windowBefore, startOfDay(anniversary), calendar ? { calendar } : {})!;
  return {
    anniversary,
    opens: deadline.opens ? shanghaiDate(deadline.opens) : anniversary,
    closes: deadline.lastDay,
    deadline,
  };
}

export type SweepAction = 'expire' | 'cancel' | 'suspend' | 'remindWindowOpen' | 'remindClosing';

export interface SweepResult {
  actions: SweepAction[];
  /** The clock after the actions. */
  clock: PermitClock;
  /** The endorsement the reminders are about, when one was sent. */
  window?: EndorsementWindow;
  /** The first later day on which something can happen; undefined when nothing ever will. */
  nextSweepOn?: IsoDate;
}

const ACTIVE: readonly PermitStatus[] = ['valid', 'suspended'];

/**
 * What the daily job does to one permit on `today`. Running it again on the same day, on the
 * clock it returned, returns no actions: that is what makes the job idempotent.
 */
export function sweep(pack: PolicyPack, clock: PermitClock, today: IsoDate, calendar?: WorkingCalendar): SweepResult {
  if (!ACTIVE.includes(clock.status)) return { actions: [], clock };
  if (clock.cancellation && today >= clock.cancellation.effectiveOn) {
    return { actions: ['cancel'], clock: { ...clock, status: 'cancelled' } };
  }
  if (clock.validUntil && today > clock.validUntil) return { actions: ['expire'], clock: { ...clock, status: 'expired' } };

  const actions: SweepAction[] = [];
  let next = clock;
  const window = clock.status === 'valid' ? nextEndorsement(pack, clock, calendar) : undefined;
  if (window && today > window.closes) {
    actions.push('suspend');
    next = { ...next, status: 'suspended' };
  } else if (window && today >= window.opens) {
    const notified = { ...next.notified };
    if (notified.windowOpen !== window.anniversary) {
      actions.push('remindWindowOpen');
      notified.windowOpen = window.anniversary;
    }
    if (today >= addDays(window.closes, -CLOSING_REMINDER_DAYS) && notified.closingSoon !== window.anniversary) {
      actions.push('remindClosing');
      notified.closingSoon = window.anniversary;
    }
    next = { ...next, notified };
  }
  const nextSweepOn = nextSweepDay(pack, next, today, calendar);
  return { actions, clock: next, ...(window && actions.some((a) => a.startsWith('remind')) ? { window } : {}), ...(nextSweepOn ? { nextSweepOn } : {}) };
}

/** The first day after `today` on which `sweep` would act on this clock. */
export function nextSweepDay(pack: PolicyPack, clock: PermitClock, today: IsoDate, calendar?: WorkingCalendar): IsoDate | undefined {
  if (!ACTIVE.includes(clock.status)) return undefined;
  const candidates: IsoDate[] = [];
  if (clock.cancellation) candidates.push(clock.cancellation.effectiveOn);
  if (clock.validUntil) candidates.push(addDays(clock.validUntil, 1));
  const window = clock.status === 'valid' ? nextEndorsement(pack, clock, calendar) : undefined;
  if (window) {
    if (clock.notified?.windowOpen !== window.anniversary) candidates.push(window.opens);
    if (clock.notified?.closingSoon !== window.anniversary) candidates.push(addDays(window.closes, -CLOSING_REMINDER_DAYS));
    candidates.push(addDays(window.closes, 1));
  }
  const later = candidates.filter((d) => d > today).sort();
  return later[0];
}

export type EndorsementRefusal =
  | { code: 'endorsement_not_required' }
  | { code: 'permit_not_active' }
  | { code: 'endorsement_not_open'; opens: IsoDate };

/**
 * The clock after endorsing on `today`. On time: the anniversary is endorsed. Late (the permit was
 * suspended): the permit is valid again and the pack decides the years — restarted from today
 * (national), or continuous (Datong), with every anniversary up to today taken as passed.
 */
export function endorse(pack: PolicyPack, clock: PermitClock, today: IsoDate, calendar?: WorkingCalendar): PermitClock | EndorsementRefusal {
  const rule = pack.permit?.endorsement;
  if (!rule) return { code: 'endorsement_not_required' };
  if (!ACTIVE.includes(clock.status)) return { code: 'permit_not_active' };
  const window = nextEndorsement(pack, { ...clock, status: 'valid' }, calendar);
  const late = clock.status === 'suspended' || (window !== undefined && today > window.closes);
  const { notified: _, ...rest } = clock;
  if (!late) {
    if (!window) return { code: 'endorsement_not_required' };
    if (today < window.opens) return { code: 'endorsement_not_open', opens: window.opens };
    return { ...rest, endorsedThrough: window.anniversary };
  }
  if (rule.missed.residenceYears === 'restartAtEndorsement') {
    return { ...rest, status: 'valid', yearsFrom: today, endorsedThrough: today };
  }
  let through = clock.endorsedThrough;
  for (let k = 1; ; k++) {
    const anniversary = addPeriod(clock.yearsFrom, rule.every, k);
    if (anniversary > today) break;
    through = anniversary;
  }
  return { ...rest, status: 'valid', endorsedThrough: through };
}

export type CancellationRefusal = { code: 'cancellation_too_early'; opens: IsoDate };

/**
 * When a departure reported on `today` cancels the permit. Where the pack sets a window before
 * leaving (Datong: the 10 days before), a report earlier than the window is refused; where it sets a
 * return grace (Datong: 30 days), the permit stays valid until the grace has passed.
 */
export function cancellationFor(
  pack: PolicyPack,
  leavingOn: IsoDate,
  today: IsoDate,
  calendar?: WorkingCalendar,
): { leavingOn: IsoDate; effectiveOn: IsoDate; deadline?: Deadline } | CancellationRefusal {
  const rule = pack.permit?.cancellation;
  if (!rule) return { leavingOn, effectiveOn: leavingOn };
  const deadline = deadlineFor(pack, rule.beforeLeaving, startOfDay(leavingOn), calendar ? { calendar } : {})!;
  const opens = deadline.opens ? shanghaiDate(deadline.opens) : leavingOn;
  if (today < opens) return { code: 'cancellation_too_early', opens };
  const graceEnds = addPeriod(leavingOn, rule.returnGrace.within);
  return { leavingOn, effectiveOn: addDays(graceEnds, 1), deadline };
}

/** The renewal terms: the last day to apply on time, from the pack's lead time before expiry. */
export function renewalDeadline(pack: PolicyPack, clock: PermitClock, calendar?: WorkingCalendar): Deadline | undefined {
  if (!clock.validUntil || !pack.permit?.renewBefore) return undefined;
  return deadlineFor(pack, 'permit.renewBefore', startOfDay(clock.validUntil), calendar ? { calendar } : {});
}

/** The validity of a renewed permit: it runs on from the old expiry, or from today once expired. */
export function renewedUntil(clock: PermitClock, validity: Duration, today: IsoDate): IsoDate {
  const from = clock.validUntil && clock.validUntil >= today ? clock.validUntil : today;
  return addPeriod(from, validity);
}

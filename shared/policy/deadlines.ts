/**
 * Deadlines from a pack: a time rule, named by its path in the pack, applied to the instant of its
 * event. The answer carries the citation and everything a person needs to trust it: the last day,
 * whether a rest day moved it, and whether the calendar had to assume weekends only.
 */
import { chineseWorkingCalendar, type WorkingCalendar } from './calendar.ts';
import { endOfDay, shanghaiDate, type IsoDate } from './civil-time.ts';
import { CalendarUse, leadBefore, periodAfter, windowBefore, type PeriodEnd } from './periods.ts';
import type { Citation, PolicyPack, TimeRule } from './schema.ts';

/** Every time rule a pack can set, by path. */
export const RULE_PATHS = [
  'registration.deadline',
  'registration.changeDeadline',
  'landlord.registerWithin',
  'landlord.reportMoveIn',
  'landlord.reportMoveOut',
  'employer.registerWithin',
  'employer.reportHire',
  'employer.reportTermination',
  'agency.registerWithin',
  'agency.reportPlacement',
  'market.registerWithin',
  'market.reportArrival',
  'institution.reportRegistration',
  'permit.issueWithin',
  'permit.remoteIssueWithin',
  'permit.renewBefore',
  'permit.endorsement.windowBefore',
  'permit.cancellation.beforeLeaving',
] as const;
export type RulePath = (typeof RULE_PATHS)[number];

export const isRulePath = (path: string): path is RulePath => (RULE_PATHS as readonly string[]).includes(path);

/** The rule at a path of a resolved pack, or undefined when the pack does not set it. */
export function ruleAt(pack: PolicyPack, path: RulePath): TimeRule | undefined {
  let node: unknown = pack;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node as TimeRule | undefined;
}

export type Filing = 'onTime' | 'late' | 'early';

export interface Deadline {
  rule: TimeRule;
  citation: Citation;
  /** The instant of the event the rule counts from (or back from). */
  event: Date;
  /** For windows: the first instant at which acting counts. */
  opens?: Date;
  /** The first instant that is too late: 24:00 Asia/Shanghai of the last day, or the exact hour. */
  due: Date;
  /** The Shanghai date of the last day to act. */
  lastDay: IsoDate;
  /** The nominal last day, when it was a rest day and the period moved to the next working day. */
  rolledFrom?: IsoDate;
  /** Years the calendar does not cover, where only weekends were taken as rest days. */
  assumedWeekendsOnly: number[];
  /** Present when a filing instant was given. */
  filing?: Filing;
}

export interface DeadlineOptions {
  calendar?: WorkingCalendar;
  /** When the act was done, to say whether it was on time. */
  filedAt?: Date;
}

export function filingStatus(deadline: Pick<Deadline, 'opens' | 'due'>, filedAt: Date): Filing {
  if (deadline.opens && filedAt < deadline.opens) return 'early';
  return filedAt < deadline.due ? 'onTime' : 'late';
}

function applyRule(rule: TimeRule, event: Date, use: CalendarUse): PeriodEnd & { opens?: Date } {
  switch (rule.kind) {
    case 'after':
      return periodAfter(event, rule.within, use);
    case 'at': {
      // "At the time of the event": by the end of the event's own day, wherever that falls.
      const lastDay = shanghaiDate(event);
      return { due: endOfDay(lastDay), lastDay };
    }
    case 'before':
      return leadBefore(event, rule.atLeast, use);
    case 'window':
      return windowBefore(event, rule.opens, use);
  }
}

/**
 * The deadline of a rule (by path in a pack, or given directly) for an event at `event`; undefined
 * when the pack does not set the rule, not even by inheritance.
 */
export function deadlineFor(
  pack: PolicyPack,
  rule: RulePath | TimeRule,
  event: Date,
  options: DeadlineOptions = {},
): Deadline | undefined {
  const timeRule = typeof rule === 'string' ? ruleAt(pack, rule) : rule;
  if (!timeRule) return undefined;
  const use = new CalendarUse(options.calendar ?? chineseWorkingCalendar);
  const end = applyRule(timeRule, event, use);
  const deadline: Deadline = {
    rule: timeRule,
    citation: timeRule.citation,
    event,
    ...end,
    assumedWeekendsOnly: [...use.assumedYears].sort((a, b) => a - b),
  };
  if (options.filedAt) deadline.filing = filingStatus(deadline, options.filedAt);
  return deadline;
}

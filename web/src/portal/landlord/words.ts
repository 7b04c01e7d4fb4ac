/**
 * A landlord's duties and their deadlines in words, from the pack (never a figure of our own): the
 * clauses "入住之日起24小时内登记入住人员", a report's last day and whether it is on time, and what
 * lateness can cost.
 */
import type { TFunction } from 'i18next';
import type { House, ReportView, Tenancy } from '#shared/api/landlord';
import type { HouseType, TenancyStatus } from '#shared/landlord/house';
import { describeTimeRule } from '#shared/policy/explain';
import type { Citation, FineRule, TimeRule } from '#shared/policy/schema';
import type { Language } from '../../i18n/language.ts';
import { fineFacts } from '../guide/fines.ts';
import { formatDay, translate } from '../residence/words.ts';

export const DUTY_PATHS = ['registerWithin', 'reportMoveIn', 'reportMoveOut'] as const;
export type DutyPath = (typeof DUTY_PATHS)[number];

type Duties = Pick<House['duties'], DutyPath>;

/** `landlord.registerWithin` (a report deadline's path) → `registerWithin`; undefined for any other rule. */
export const dutyOf = (path: string): DutyPath | undefined => {
  const name = path.replace(/^landlord\./, '');
  return (DUTY_PATHS as readonly string[]).includes(name) ? (name as DutyPath) : undefined;
};

/** One duty as a clause: "入住之日起24小时内登记入住人员". */
export function dutyClause(duty: DutyPath, rule: TimeRule, t: TFunction): string {
  const values = { rule: describeTimeRule(rule, translate(t)) };
  switch (duty) {
    case 'registerWithin':
      return t('landlord:duties.registerWithin', values);
    case 'reportMoveIn':
      return t('landlord:duties.reportMoveIn', values);
    case 'reportMoveOut':
      return t('landlord:duties.reportMoveOut', values);
  }
}

export interface DutyLine {
  duty: DutyPath;
  text: string;
  citation: Citation;
}

/** Every duty the pack sets for the house, in the order they fall due; empty when it sets none. */
export function dutyLines(duties: Duties, t: TFunction): DutyLine[] {
  return DUTY_PATHS.flatMap((duty) => {
    const rule = duties[duty];
    return rule ? [{ duty, text: dutyClause(duty, rule, t), citation: rule.citation }] : [];
  });
}

/** The move-in duties as one sentence ("…登记入住人员，…报告派出所"), or undefined when the pack sets none. */
export function moveInSentence(duties: Duties, t: TFunction): string | undefined {
  const clauses = dutyLines(duties, t).filter((line) => line.duty !== 'reportMoveOut');
  return clauses.length > 0 ? clauses.map((line) => line.text).join(t('landlord:clauseSeparator')) : undefined;
}

export interface DeadlineWords {
  /** "最迟 2026年11月26日 报告", or that the pack sets no deadline. */
  text: string;
  /** "按时" / "已逾期" (a preview), "按时报告" / "逾期报告" (a filed report); absent when no deadline applies. */
  status?: string;
  filing: ReportView['filing'];
}

/**
 * A report's deadline in words: its last day, and whether a report now (`preview`) or the report
 * made (`filed`) is on time.
 */
export function reportDeadlineWords(report: ReportView, tense: 'preview' | 'filed', language: Language, t: TFunction): DeadlineWords {
  if (!report.lastDay) return { text: t('landlord:deadline.none'), filing: report.filing };
  const text = t('landlord:deadline.by', { date: formatDay(report.lastDay, language, t) });
  const late = report.filing === 'late';
  const status =
    tense === 'preview'
      ? late
        ? t('landlord:deadline.latePreview')
        : t('landlord:deadline.onTimePreview')
      : late
        ? t('landlord:deadline.lateFiled')
        : t('landlord:deadline.onTimeFiled');
  return { text, status, filing: report.filing };
}

export interface DeadlineLine {
  /** The duty, as a clause: "入住之日起24小时内登记入住人员". */
  duty: string;
  /** Its last day in words. */
  date: string;
  late: boolean;
}

/** Each deadline of a report on its own line, when the pack sets more than one (register, then report). */
export function deadlineLines(report: ReportView, language: Language, t: TFunction): DeadlineLine[] {
  return report.deadlines.flatMap((deadline) => {
    const duty = dutyOf(deadline.path);
    return duty
      ? [{ duty: dutyClause(duty, deadline.rule, t), date: formatDay(deadline.lastDay, language, t), late: deadline.filing === 'late' }]
      : [];
  });
}

/** The citations of a report's deadlines, each once. */
export function reportCitations(report: ReportView): Citation[] {
  const seen = new Map<string, Citation>();
  for (const deadline of report.deadlines) seen.set(`${deadline.citation.source}|${deadline.citation.article}|${deadline.citation.quote}`, deadline.citation);
  return [...seen.values()];
}

export interface FineWords {
  /** What the fine is for: "未按规定登记、报送". */
  offence: string;
  /** The pack's facts, one a line: "罚款100–300元", "按涉及的人数计算"… */
  facts: string[];
  citation: Citation;
}

/** What lateness can cost, from the pack's fines; empty when the pack sets none (say so, never a figure of ours). */
export function fineWords(fines: readonly FineRule[], t: TFunction): FineWords[] {
  return fines.map((fine) => ({
    offence: translate(t)(`policy:offences.${fine.offence}`),
    facts: fineFacts(fine, t),
    citation: fine.citation,
  }));
}

export const tenancyStatusLabel = (t: TFunction, status: TenancyStatus) => translate(t)(`landlord:statuses.${status}`);
export const houseTypeLabel = (t: TFunction, type: HouseType) => translate(t)(`landlord:types.${type}`);

/** Tenancies that count as living in the house now (reported, requested or active), and the rest. */
export function splitTenancies<T extends Pick<Tenancy, 'status'>>(tenancies: readonly T[]): { current: T[]; past: T[] } {
  const current = tenancies.filter((tenancy) => tenancy.status === 'awaitingTenant' || tenancy.status === 'awaitingLandlord' || tenancy.status === 'active');
  return { current, past: tenancies.filter((tenancy) => !current.includes(tenancy)) };
}

/** Whether reporting `adding` more tenants takes the house over its stated maximum. */
export const overCapacityAfter = (occupancy: { occupants: number; maxOccupants: number }, adding: number) =>
  occupancy.occupants + adding > occupancy.maxOccupants;

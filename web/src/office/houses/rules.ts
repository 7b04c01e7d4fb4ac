/**
 * What the house screens decide on their own, without React: which list the address bar asks
 * for, how a report's filing is shown, and when the officer may verify a tenancy.
 */
import type { ReportView, Tenancy } from '#shared/api/landlord';

/** The lists of the house view: the houses, the reports filed late, the requests nobody answered in time. */
export const HOUSE_TABS = ['houses', 'late', 'unconfirmed'] as const;
export type HouseTab = (typeof HOUSE_TABS)[number];

export interface ListSelection {
  tab: HouseTab;
  /** A street (9 digits) of the station, houses tab only. */
  street?: string;
  /** Only houses over capacity, houses tab only. */
  overCapacity: boolean;
}

/** The selection the address bar asks for; anything unknown falls back to the whole station's houses. */
export function readSelection(params: URLSearchParams): ListSelection {
  const tab = HOUSE_TABS.find((value) => value === params.get('tab')) ?? 'houses';
  if (tab !== 'houses') return { tab, overCapacity: false };
  const street = params.get('street');
  return { tab, ...(street && /^\d{9}$/.test(street) ? { street } : {}), overCapacity: params.get('overCapacity') === 'true' };
}

/** The address bar's search for a selection: the defaults are left out. */
export function selectionSearch(s: ListSelection): URLSearchParams {
  const search = new URLSearchParams();
  if (s.tab !== 'houses') search.set('tab', s.tab);
  if (s.tab === 'houses' && s.street) search.set('street', s.street);
  if (s.tab === 'houses' && s.overCapacity) search.set('overCapacity', 'true');
  return search;
}

export type FilingState = 'onTime' | 'late' | 'notFiled';
type ReportDeadline = ReportView['deadlines'][number];

export interface Filing {
  state: FilingState;
  /** The deadline that decides: the first one missed, else the report's own (the last). */
  deciding?: ReportDeadline;
}

/**
 * How a landlord's report stands: filed on time or late against the deadline that decides, or not
 * filed yet (a tenant's request the landlord has not answered: judged when they do).
 */
export function filingOf(report: ReportView): Filing {
  const own = report.deadlines.at(-1);
  if (!report.filedAt) return { state: 'notFiled', ...(own ? { deciding: own } : {}) };
  const deciding = report.filing === 'late' ? (report.deadlines.find((d) => d.filing === 'late') ?? own) : own;
  return { state: report.filing, ...(deciding ? { deciding } : {}) };
}

/** Which of the landlord's duties a deadline is (`landlord.reportMoveIn` → `reportMoveIn`); a path the pack names otherwise reads as the report's own. */
export function deadlineKind(path: string): 'registerWithin' | 'reportMoveIn' | 'reportMoveOut' {
  const kinds = ['registerWithin', 'reportMoveIn', 'reportMoveOut'] as const;
  return kinds.find((kind) => path === `landlord.${kind}`) ?? (path.endsWith('MoveOut') ? 'reportMoveOut' : 'reportMoveIn');
}

/**
 * A landlord reported this tenant and the tenant has not confirmed: the officer may verify it
 * (a tenant's own request is verified through the declaration in the residence review).
 */
export const canVerify = (t: Pick<Tenancy, 'status' | 'startedBy'>) => t.startedBy === 'landlord' && t.status === 'awaitingTenant';

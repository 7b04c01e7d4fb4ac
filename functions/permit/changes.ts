/**
 * The holder's own changes to a permit (endorsing, reporting a departure, withdrawing it): the
 * permit as the holder last saw it, and one conditional update that writes the new clock and the
 * sweep index keys. An update, not a put: the verification count moves without a version and must
 * not be written back from a stale read.
 */
import { ApiError } from '#functions/commons/errors';
import { tableName } from '#functions/commons/environment';
import type { TransactItem } from '#functions/commons/transactions';
import type { PermitStatus } from '#shared/permit/lifecycle';
import { nextSweepDay, type PermitClock } from '#shared/permit/schedule';
import type { IsoDate } from '#shared/policy/civil-time';
import type { WorkingCalendar } from '#shared/policy/calendar';
import type { PolicyPack } from '#shared/policy/schema';
import { permitKey, permitSweepKeys, type HolderRef, type PermitItem } from './items.ts';
import { holderPermit, permitNotFound } from './records.ts';

export const permitChanged = () => new ApiError(409, 'permit_changed');

/** Statuses in which a permit is in force: it can be endorsed, renewed, cancelled. */
export const IN_FORCE: readonly PermitStatus[] = ['valid', 'suspended'];

/** The holder's permit at the version the caller saw (any version when none is given). */
export async function permitAt(accountId: string, holder: HolderRef, version?: number): Promise<PermitItem> {
  const permit = await holderPermit(accountId, holder);
  if (!permit) throw permitNotFound();
  if (version !== undefined && permit.version !== version) throw permitChanged();
  return permit;
}

/** The clock part of a stored permit. */
export function clockOf(permit: PermitItem): PermitClock {
  const { status, issuedOn, validUntil, yearsFrom, endorsedThrough, notified, cancellation } = permit;
  return {
    status,
    issuedOn,
    yearsFrom,
    endorsedThrough,
    ...(validUntil ? { validUntil } : {}),
    ...(notified ? { notified } : {}),
    ...(cancellation ? { cancellation } : {}),
  };
}

const CLOCK_FIELDS = ['status', 'issuedOn', 'validUntil', 'yearsFrom', 'endorsedThrough', 'notified', 'cancellation'] as const;

/**
 * The update that gives `seen` the clock `clock` (and any `extra` attributes), with its next sweep
 * day and index keys, on condition nobody changed it since it was read. The permit as written is
 * returned with it.
 */
export function permitUpdate(
  seen: PermitItem,
  change: { clock: PermitClock; extra?: Partial<PermitItem>; pack: PolicyPack; today: IsoDate; calendar: WorkingCalendar; at: string },
): { item: PermitItem; update: TransactItem } {
  const { clock, extra = {}, pack, today, calendar, at } = change;
  const nextSweepOn = nextSweepDay(pack, clock, today, calendar);
  const keys = permitSweepKeys(seen.id, nextSweepOn);
  const set: Record<string, unknown> = { ...extra, updatedAt: at, version: seen.version + 1, ...(nextSweepOn ? { nextSweepOn, ...keys } : {}) };
  const remove: string[] = nextSweepOn ? [] : ['nextSweepOn', 'gsi3pk', 'gsi3sk'];
  for (const field of CLOCK_FIELDS) {
    if (clock[field] === undefined) remove.push(field);
    else set[field] = clock[field];
  }

  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':seen': seen.version };
  const assignments = Object.entries(set).map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removals = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  names['#version'] = 'version';

  const item = { ...seen, ...set } as PermitItem;
  for (const name of remove) delete (item as unknown as Record<string, unknown>)[name];
  return {
    item,
    update: {
      Update: {
        TableName: tableName(),
        Key: permitKey(seen.id),
        UpdateExpression: `SET ${assignments.join(', ')}${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`,
        ConditionExpression: '#version = :seen',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  };
}

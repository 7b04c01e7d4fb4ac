/**
 * An officer's decision on a submitted declaration: verify it (→ registered) or return it for
 * correction with reasons. Everything the decision changes is one transaction — the declaration
 * and its queue keys, the message to the person, the audit event, for a verified change of
 * address the registration it replaces, and at a rental house the tenancy behind it — so a
 * decision is never half-recorded, and the version condition lets exactly one of two officers
 * deciding at once win.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import { now } from '#functions/commons/clock';
import { logger } from '#functions/commons/logger';
import type { Caller } from '#functions/commons/http/caller';
import { nextStatus } from '#shared/residence/declaration';
import { shanghaiDate } from '#shared/policy/civil-time';
import type { DecisionInput } from '#shared/api/review';
import type { HistoryEntry } from '#shared/api/residence';
import {
  declarationIndexKeys,
  declarationKey,
  declaringKey,
  type DeclarationItem,
  type ProfileItem,
} from '#functions/residence/items';
import { messagePut, sendNoticeSms, type Notice } from '#functions/residence/notify';
import { addressLine } from '#functions/residence/places';
import { failedConditions, transact, type TransactItem } from '#functions/commons/transactions';
import { requestVerified } from '#functions/tenancy/requesting';
import { auditPut } from './audit.ts';
import { declarationOfStation, profileOf } from './declarations.ts';
import type { OfficerStation } from './station.ts';

export type Decision = z.output<typeof DecisionInput>;

export const declarationChanged = () => new ApiError(409, 'declaration_changed');

/** The declaration after an event: new status, its queue keys, the history entry, the next version. */
export function advanced(d: DeclarationItem, status: DeclarationItem['status'], entry: HistoryEntry, extra: Partial<DeclarationItem> = {}): DeclarationItem {
  const next = { ...d, ...extra, status, updatedAt: entry.at, version: d.version + 1, history: [...d.history, entry] };
  return { ...next, ...declarationIndexKeys(next) };
}

/** Put `next` only if the stored item is still the one read: same version, same status. */
export function guardedPut<T extends { version: number; status: string }>(next: T, seen: T): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: next,
      ConditionExpression: 'version = :seen AND #status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':seen': seen.version, ':status': seen.status },
    },
  };
}

export interface Superseding {
  items: TransactItem[];
  notice?: Notice;
}

/**
 * A verified change of address ends the registration it replaces. If that one is no longer
 * registered (the person reported moving out meanwhile) there is nothing left to end. `actor` is
 * whoever registered the new address: the officer, or the landlord or tenant confirming it.
 */
export async function supersede(d: DeclarationItem, at: string, actor: HistoryEntry['actor'] = 'officer'): Promise<Superseding> {
  if (!d.changeOf) return { items: [] };
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: declarationKey(d.changeOf), ConsistentRead: true }));
  const old = Item as DeclarationItem | undefined;
  if (!old || old.accountId !== d.accountId) return { items: [] };
  const status = nextStatus(old.status, 'superseded');
  if (!status) return { items: [] };
  const ended = advanced(old, status, { at, event: 'superseded', actor });
  const notice: Notice = {
    accountId: old.accountId,
    kind: 'declarationEnded',
    declarationId: old.id,
    values: { id: old.id, address: addressLine(old.address), on: shanghaiDate(new Date(at)) },
    at,
  };
  return { items: [guardedPut(ended, old), messagePut(notice)], notice };
}

/**
 * Once verified, the person has nothing in progress any more: the pointer that blocks a second
 * declaration goes, but only if it still points at this one.
 */
const releaseDeclaringPointer = (d: DeclarationItem) => releasePointer(declaringKey(d.accountId), 'declarationId', d.id);

/** Deleting a pointer item (its `attribute` names what it points at), if it still points at `id`. */
export async function releasePointer(key: { pk: string; sk: string }, attribute: string, id: string): Promise<TransactItem[]> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  if (Item?.[attribute] !== id) return [];
  return [
    {
      Delete: {
        TableName: tableName(),
        Key: key,
        ConditionExpression: '#ref = :id',
        ExpressionAttributeNames: { '#ref': attribute },
        ExpressionAttributeValues: { ':id': id },
      },
    },
  ];
}

export interface Decided {
  declaration: DeclarationItem;
  profile: ProfileItem;
}

export async function decideDeclaration(id: string, decision: Decision, officer: Caller, station: OfficerStation): Promise<Decided> {
  const current = await declarationOfStation(id, station, true);
  if (decision.version !== undefined && decision.version !== current.version) throw declarationChanged();
  const event = decision.decision === 'verify' ? 'verified' : 'returned';
  const status = nextStatus(current.status, event);
  if (!status) throw declarationChanged();

  const at = new Date(now()).toISOString();
  const verifying = event === 'verified';
  const entry: HistoryEntry = {
    at,
    event,
    actor: 'officer',
    ...(verifying ? {} : { reasons: decision.reasons, ...(decision.note ? { note: decision.note } : {}) }),
  };
  const next = advanced(current, status, entry, verifying ? { registeredAt: at } : {});
  const notice: Notice = {
    accountId: current.accountId,
    kind: verifying ? 'declarationVerified' : 'declarationReturned',
    declarationId: current.id,
    values: {
      id: current.id,
      address: addressLine(current.address),
      ...(verifying ? {} : { reasonCodes: decision.reasons.join(','), ...(decision.note ? { note: decision.note } : {}) }),
    },
    at,
  };

  const [profile, superseding, pointer, tenancy] = await Promise.all([
    profileOf(current.accountId),
    verifying ? supersede(current, at) : Promise.resolve<Superseding>({ items: [] }),
    // A returned declaration is still in progress: the pointer stays.
    verifying ? releaseDeclaringPointer(current) : Promise.resolve([]),
    // At a rental house, the tenant lives there: the tenancy of the request is active too.
    verifying && current.tenancyId ? requestVerified(current.tenancyId, at) : Promise.resolve([]),
  ]);

  try {
    // A lost race (TransactionConflict) is retried by `transact` and then meets the winner's
    // version: every way of losing ends as a failed condition, i.e. 409 declaration_changed.
    await transact([
      guardedPut(next, current),
      messagePut(notice),
      auditPut({ action: 'decideDeclaration', officerId: officer.id, stationId: station.id, accountId: current.accountId, declarationId: current.id, at }),
      ...superseding.items,
      ...pointer,
      ...tenancy,
    ]);
  } catch (error) {
    if (failedConditions(error)) throw declarationChanged();
    throw error;
  }
  logger.info('declaration decided', { declarationId: current.id, event, superseded: superseding.notice?.declarationId });

  // Only the decision is texted: the end of the replaced registration is in the 消息 tab, and one
  // SMS per decision keeps the costliest channel to what the person must act on or know at once.
  await sendNoticeSms(notice, profile.phone, profile.language);
  return { declaration: next, profile };
}

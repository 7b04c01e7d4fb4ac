/**
 * "I have moved out": ends a registration, or withdraws a declaration still in review. The pack's
 * change deadline applies to reporting the move, counted from the move-out date. A declaration at
 * a registered rental house ends its tenancy in the same transaction: the house has one occupant
 * fewer.
 */
import type { z } from 'zod';
import type { moveOut } from '#shared/api/residence';
import { IN_PROGRESS, nextStatus } from '#shared/residence/declaration';
import { packById } from '#shared/policy/registry';
import { tableName } from '#functions/commons/environment';
import { ApiError, invalidField } from '#functions/commons/errors';
import { declarationIndexKeys, declaringKey, type DeclarationItem } from './items.ts';
import { messagePut, type Notice } from './notify.ts';
import { addressLine } from './places.ts';
import { registrationDeadline } from './deadlines.ts';
import { declarationInProgress, ownDeclaration } from './declarations.ts';
import { readProfile } from './profiles.ts';
import { textAfterCommit } from './declare.ts';
import { currentInstant, todayInShanghai } from '#functions/commons/clock';
import { failedConditions, transact, type TransactItem } from '#functions/commons/transactions';
import { tenantLeaving } from '#functions/tenancy/requesting';

type Body = z.output<NonNullable<(typeof moveOut)['body']>>;

const changed = () => new ApiError(409, 'declaration_changed');

/** The house may change meanwhile (another tenant's report): the tenancy's part is read again a few times. */
const ATTEMPTS = 3;

/** A move-out is reported for a day between the move-in and today (the tenant's or the landlord's report alike). */
export function checkMoveOutDate(movedOutOn: string, moveInDate: string): void {
  if (movedOutOn > todayInShanghai()) throw invalidField('movedOutOn', 'validation.futureDate');
  if (movedOutOn < moveInDate) throw invalidField('movedOutOn', 'validation.beforeMoveIn');
}

export async function moveOutOf(accountId: string, id: string, { movedOutOn, version }: Body): Promise<DeclarationItem> {
  const current = await ownDeclaration(accountId, id);
  if (version !== undefined && version !== current.version) throw changed();
  const status = nextStatus(current.status, 'movedOut');
  if (!status) throw changed();
  checkMoveOutDate(movedOutOn, current.moveInDate);

  const now = currentInstant();
  const at = now.toISOString();
  const deadline = await registrationDeadline(packById(current.packId), 'registration.changeDeadline', movedOutOn, now);
  const ended: DeclarationItem = {
    ...current,
    status,
    movedOut: { on: movedOutOn, deadline },
    updatedAt: at,
    version: current.version + 1,
    history: [...current.history, { at, event: 'movedOut', actor: 'migrant' }],
  };
  const message: Notice = {
    accountId,
    kind: 'declarationEnded',
    declarationId: id,
    at,
    values: { id, address: addressLine(current.address), on: movedOutOn },
  };
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...ended, ...declarationIndexKeys(ended) },
        ConditionExpression: '#version = :version AND #status = :status',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':version': current.version, ':status': current.status },
      },
    },
    messagePut(message),
  ];
  // A declaration in review holds the one-in-progress pointer; once withdrawn, the person may declare again.
  if (IN_PROGRESS.includes(current.status) && (await declarationInProgress(accountId)) === id) {
    items.push({
      Delete: {
        TableName: tableName(),
        Key: declaringKey(accountId),
        ConditionExpression: 'declarationId = :id',
        ExpressionAttributeValues: { ':id': id },
      },
    });
  }
  for (let attempt = 1; ; attempt++) {
    const leaving = current.tenancyId ? await tenantLeaving(current.tenancyId, movedOutOn, at) : [];
    try {
      await transact([...items, ...leaving]);
      break;
    } catch (error) {
      const failed = failedConditions(error);
      if (!failed) throw error;
      if (attempt < ATTEMPTS && failed.slice(items.length).some(Boolean) && !failed.slice(0, items.length).some(Boolean)) continue;
      throw changed();
    }
  }
  const profile = await readProfile(accountId);
  if (profile) await textAfterCommit(message, profile);
  return ended;
}


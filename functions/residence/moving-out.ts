/**
 * "I have moved out": ends a registration, or withdraws a declaration still in review. The pack's
 * change deadline applies to reporting the move, counted from the move-out date.
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

type Body = z.output<NonNullable<(typeof moveOut)['body']>>;

const changed = () => new ApiError(409, 'declaration_changed');

export async function moveOutOf(accountId: string, id: string, { movedOutOn, version }: Body): Promise<DeclarationItem> {
  const current = await ownDeclaration(accountId, id);
  if (version !== undefined && version !== current.version) throw changed();
  const status = nextStatus(current.status, 'movedOut');
  if (!status) throw changed();
  if (movedOutOn > todayInShanghai()) throw invalidField('movedOutOn', 'validation.futureDate');
  if (movedOutOn < current.moveInDate) throw invalidField('movedOutOn', 'validation.beforeMoveIn');

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
  try {
    await transact(items);
  } catch (error) {
    if (failedConditions(error)) throw changed();
    throw error;
  }
  const profile = await readProfile(accountId);
  if (profile) await textAfterCommit(message, profile);
  return ended;
}


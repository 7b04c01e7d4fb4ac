/**
 * Accompanying children (随行子女) under 16. The limit is kept by a counter on the profile item,
 * raised in the same transaction that adds a child, so concurrent additions cannot pass it.
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { Child, ChildInput } from '#shared/api/residence';
import { maskCitizenId } from '#shared/residence/citizen-id';
import { MAX_CHILDREN } from '#shared/residence/vocabulary';
import { wholeYearsBetween } from '#shared/policy/civil-time';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError, invalidField } from '#functions/commons/errors';
import { childKey, personKey, profileKey, type ChildItem } from './items.ts';
import { citizenIdFacts, requireProfile } from './profiles.ts';
import { currentInstant, todayInShanghai } from '#functions/commons/clock';
import { failedConditions, transact } from '#functions/commons/transactions';

/** Below this age a child accompanies a parent; from it on, they register for themselves. */
const CHILD_AGE_LIMIT = 16;

export function childView(c: ChildItem): Child {
  return {
    id: c.id,
    name: c.name,
    ...(c.citizenId ? { citizenIdMasked: maskCitizenId(c.citizenId) } : {}),
    birthDate: c.birthDate,
    ...(c.sex ? { sex: c.sex } : {}),
    schoolStatus: c.schoolStatus,
    addedAt: c.addedAt,
  };
}

export async function listChildren(accountId: string): Promise<ChildItem[]> {
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :child)',
      ExpressionAttributeValues: { ':pk': personKey(accountId), ':child': 'CHILD#' },
    }),
  );
  return (Items as ChildItem[]).sort((a, b) => a.addedAt.localeCompare(b.addedAt));
}

/** Birth date and sex: from the ID number when given (a typed birth date must agree), else as typed. */
function childFacts(input: z.output<typeof ChildInput>) {
  const today = todayInShanghai();
  if (input.citizenId) {
    const facts = citizenIdFacts(input.citizenId, 'citizenId');
    if (input.birthDate && input.birthDate !== facts.birthDate) throw invalidField('birthDate', 'validation.birthDateMismatch');
    if (wholeYearsBetween(facts.birthDate, today) >= CHILD_AGE_LIMIT) throw invalidField('citizenId', 'validation.childTooOld');
    return { citizenId: facts.number, birthDate: facts.birthDate, sex: facts.sex };
  }
  const birthDate = input.birthDate!;
  if (birthDate > today) throw invalidField('birthDate', 'validation.futureDate');
  if (wholeYearsBetween(birthDate, today) >= CHILD_AGE_LIMIT) throw invalidField('birthDate', 'validation.childTooOld');
  return { birthDate, ...(input.sex ? { sex: input.sex } : {}) };
}

export async function addChild(accountId: string, input: z.output<typeof ChildInput>): Promise<ChildItem> {
  const facts = childFacts(input);
  await requireProfile(accountId);
  const id = randomUUID();
  const child: ChildItem = {
    ...childKey(accountId, id),
    id,
    name: input.name,
    ...facts,
    schoolStatus: input.schoolStatus,
    addedAt: currentInstant().toISOString(),
  };
  try {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: profileKey(accountId),
          UpdateExpression: 'SET childCount = if_not_exists(childCount, :zero) + :one',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(childCount) OR childCount < :max)',
          ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':max': MAX_CHILDREN },
        },
      },
      { Put: { TableName: tableName(), Item: child, ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
  } catch (error) {
    if (failedConditions(error)?.[0]) throw new ApiError(409, 'too_many_children', { max: MAX_CHILDREN });
    throw error;
  }
  return child;
}

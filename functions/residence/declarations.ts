/** Reading declarations: one by id (the owner's only), the owner's list newest first, and the views. */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { Declaration, DeclarationSummary } from '#shared/api/residence';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import { declarationKey, declaringKey, personKey, type DeclarationItem, type DeclaringItem } from './items.ts';
import { decodeCursor, encodeCursor } from './pages.ts';

export const declarationNotFound = () => new ApiError(404, 'declaration_not_found');

export async function readDeclaration(id: string): Promise<DeclarationItem | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: declarationKey(id), ConsistentRead: true }));
  return Item as DeclarationItem | undefined;
}

/** The caller's declaration; another person's answers exactly as a missing one, so ids cannot be probed. */
export async function ownDeclaration(accountId: string, id: string): Promise<DeclarationItem> {
  const declaration = await readDeclaration(id);
  if (!declaration || declaration.accountId !== accountId) throw declarationNotFound();
  return declaration;
}

/** The id of the person's declaration in progress, if any. */
export async function declarationInProgress(accountId: string): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: declaringKey(accountId), ConsistentRead: true }));
  return (Item as DeclaringItem | undefined)?.declarationId;
}

export function declarationView(d: DeclarationItem): Declaration {
  return {
    id: d.id,
    status: d.status,
    packId: d.packId,
    station: { id: d.stationId, name: d.stationName },
    address: d.address,
    moveInDate: d.moveInDate,
    intendedStay: d.intendedStay,
    reason: d.reason,
    ...(d.reasonDetail ? { reasonDetail: d.reasonDetail } : {}),
    housing: d.housing,
    ...(d.landlordPhone ? { landlordPhone: d.landlordPhone } : {}),
    // The blob key stays inside: files are read through short-lived presigned URLs only.
    documents: d.documents.map(({ id, kind, fileName, contentType, size }) => ({ id, kind, fileName, contentType, size })),
    deadline: d.deadline,
    ...(d.changeOf ? { changeOf: d.changeOf } : {}),
    ...(d.houseId ? { houseId: d.houseId } : {}),
    ...(d.tenancyId ? { tenancyId: d.tenancyId } : {}),
    ...(d.landlordConfirmation ? { landlordConfirmation: d.landlordConfirmation } : {}),
    ...(d.movedOut ? { movedOut: d.movedOut } : {}),
    submittedAt: d.submittedAt,
    updatedAt: d.updatedAt,
    ...(d.registeredAt ? { registeredAt: d.registeredAt } : {}),
    version: d.version,
    history: d.history,
  };
}

const SUMMARY_ATTRIBUTES = ['id', 'status', 'address', 'moveInDate', 'submittedAt', 'updatedAt', 'deadline'] as const;
type SummarySource = Pick<DeclarationItem, (typeof SUMMARY_ATTRIBUTES)[number]>;

const summaryView = (d: SummarySource): z.infer<typeof DeclarationSummary> => ({
  id: d.id,
  status: d.status,
  address: d.address,
  moveInDate: d.moveInDate,
  submittedAt: d.submittedAt,
  updatedAt: d.updatedAt,
  deadline: d.deadline,
});

const LIST_KEY = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;

/** The owner's declarations, newest first (gsi1 sorts by submission time). */
export async function listOwnDeclarations(accountId: string, cursor: string | undefined, limit: number) {
  const partition = `${personKey(accountId)}#DECLS`;
  const start = decodeCursor(cursor, LIST_KEY, (key) => key.gsi1pk === partition && key.sk === 'DECL' && key.pk === `DECL#${key.gsi1sk?.split('#')[1]}`);
  const { Items = [], LastEvaluatedKey } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ExpressionAttributeNames: Object.fromEntries([...SUMMARY_ATTRIBUTES, ...LIST_KEY].map((a) => [`#${a}`, a])),
      ProjectionExpression: [...SUMMARY_ATTRIBUTES, ...LIST_KEY].map((a) => `#${a}`).join(', '),
      ScanIndexForward: false,
      Limit: limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const next = encodeCursor(LastEvaluatedKey);
  return { items: (Items as SummarySource[]).map(summaryView), ...(next ? { cursor: next } : {}) };
}

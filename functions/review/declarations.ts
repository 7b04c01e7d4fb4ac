/**
 * Reading a declaration on behalf of an officer: only one of the officer's own station, with the
 * person's profile, children and short-lived links to the documents.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import { todayInShanghai } from '#functions/commons/clock';
import { workingCalendar } from '#functions/commons/working-calendar';
import { blobStore } from '#functions/commons/blob-store';
import { declarationKey, personKey, profileKey, type ChildItem, type DeclarationItem, type ProfileItem } from '#functions/residence/items';
import { notYourStation, type OfficerStation } from './station.ts';
import type { ReviewParts, Today } from './views.ts';

/** Document links live five minutes: long enough to open, too short to pass around. */
export const DOCUMENT_LINK_SECONDS = 5 * 60;

export const declarationNotFound = () => new ApiError(404, 'declaration_not_found');

/**
 * The declaration if it belongs to the station: 404 when it does not exist, 403 when it is
 * another station's (the officer learns that it exists, not what it says).
 */
export async function declarationOfStation(id: string, station: OfficerStation, consistent = false): Promise<DeclarationItem> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: declarationKey(id), ConsistentRead: consistent }));
  if (!Item) throw declarationNotFound();
  const declaration = Item as DeclarationItem;
  if (declaration.stationId !== station.id) throw notYourStation();
  return declaration;
}

export async function profileOf(accountId: string): Promise<ProfileItem> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: profileKey(accountId) }));
  // A declaration is only accepted from a person with a profile, and profiles are never deleted.
  if (!Item) throw new Error('the declaring person has no profile');
  return Item as ProfileItem;
}

async function childrenOf(accountId: string): Promise<ChildItem[]> {
  const children: ChildItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :child)',
        ExpressionAttributeValues: { ':pk': personKey(accountId), ':child': 'CHILD#' },
        ExclusiveStartKey: start,
      }),
    );
    children.push(...((page.Items ?? []) as ChildItem[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return children;
}

type StoredDocument = { id: string; blobKey: string; contentType: string; fileName: string };

/** Short-lived read links of stored documents (a declaration's, a permit application's), by document id. */
export async function documentUrls(documents: readonly StoredDocument[]): Promise<Map<string, string>> {
  const store = blobStore();
  const links = await Promise.all(
    documents.map(
      async (doc) =>
        [doc.id, await store.presignGet(doc.blobKey, { contentType: doc.contentType, fileName: doc.fileName }, DOCUMENT_LINK_SECONDS)] as const,
    ),
  );
  return new Map(links);
}

export async function today(): Promise<Today> {
  return { date: todayInShanghai(), calendar: await workingCalendar() };
}

/** Everything the officer's view of a declaration shows besides the declaration itself. */
export async function reviewParts(declaration: DeclarationItem, profile?: ProfileItem): Promise<ReviewParts> {
  const [person, children, urls, day] = await Promise.all([
    profile ?? profileOf(declaration.accountId),
    childrenOf(declaration.accountId),
    documentUrls(declaration.documents),
    today(),
  ]);
  return { declaration, profile: person, children, documentUrls: urls, today: day };
}

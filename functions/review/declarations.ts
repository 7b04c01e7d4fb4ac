/**
 * Reading a declaration on behalf of an officer: only one of the officer's own station, with the
 * person's profile, children and short-lived links to the documents — each only once its bytes are
 * found to be those attached (their SHA-256), so the officer never decides on a swapped file.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import { todayInShanghai } from '#functions/commons/clock';
import { workingCalendar } from '#functions/commons/working-calendar';
import { blobIntact } from '#functions/commons/blob-digest';
import { blobStore } from '#functions/commons/blob-store';
import { declarationKey, personKey, profileKey, type ChildItem, type DeclarationItem, type ProfileItem } from '#functions/residence/items';
import { notYourStation, type OfficerStation } from './station.ts';
import type { DocumentLink, ReviewParts, Today } from './views.ts';

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

type StoredDocument = { id: string; blobKey: string; contentType: string; fileName: string; sha256?: string };

/** A short-lived read link of a stored document, or the flag that its bytes are not those attached (no link). */
async function documentLink(doc: StoredDocument): Promise<DocumentLink> {
  if (!(await blobIntact(doc.blobKey, doc.sha256, { document: doc.id }))) return { integrity: 'mismatch' };
  return { url: await blobStore().presignGet(doc.blobKey, { contentType: doc.contentType, fileName: doc.fileName }, DOCUMENT_LINK_SECONDS) };
}

/** What an officer is given of each stored document (a declaration's, a permit application's), by document id. */
export async function documentLinks(documents: readonly StoredDocument[]): Promise<Map<string, DocumentLink>> {
  return new Map(await Promise.all(documents.map(async (doc) => [doc.id, await documentLink(doc)] as const)));
}

export async function today(): Promise<Today> {
  return { date: todayInShanghai(), calendar: await workingCalendar() };
}

/** Everything the officer's view of a declaration shows besides the declaration itself. */
export async function reviewParts(declaration: DeclarationItem, profile?: ProfileItem): Promise<ReviewParts> {
  const [person, children, links, day] = await Promise.all([
    profile ?? profileOf(declaration.accountId),
    childrenOf(declaration.accountId),
    documentLinks(declaration.documents),
    today(),
  ]);
  return { declaration, profile: person, children, documentLinks: links, today: day };
}

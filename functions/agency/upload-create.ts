/**
 * POST /api/agency/uploads: an upload of the caller's organisation, and where to PUT its file (for
 * exactly its size and type, for 15 minutes). The check starts when the file arrives (S3's
 * notification in AWS, the local store's on this machine).
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createUpload, CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '#shared/api/agency';
import { blobStore } from '#functions/commons/blob-store';
import { currentInstant } from '#functions/commons/clock';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { httpHandler } from '#functions/commons/http/handler';
import type { Caller } from '#functions/commons/http/caller';
import { getAccount } from '#functions/identity/accounts';
import { readOrganisation } from '#functions/organisations/organisations';
import { apiKeyKey, type ApiKeyItem } from './items.ts';
import { newUploadItem, noOrganisation, organisationOf, uploadView } from './uploads.ts';

const PUT_URL_SECONDS = 15 * 60;

/** Who the upload list names: the user's display name, or the API key's name. */
async function creatorName(caller: Caller, orgId: string): Promise<string> {
  if (caller.apiKey) {
    const keyId = caller.apiKey;
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: apiKeyKey(orgId, keyId), ProjectionExpression: '#n', ExpressionAttributeNames: { '#n': 'name' } }));
    return (Item as Pick<ApiKeyItem, 'name'> | undefined)?.name ?? keyId;
  }
  return (await getAccount(caller.id))?.displayName ?? caller.id;
}

export const handler = httpHandler(createUpload, async ({ caller, body, language }) => {
  const orgId = organisationOf(caller);
  const [org, createdBy] = await Promise.all([readOrganisation(orgId), creatorName(caller, orgId)]);
  if (!org) throw noOrganisation();
  const item = newUploadItem({ orgId, orgType: org.type, fileName: body.fileName, size: body.size, createdBy: { id: caller.id, name: createdBy } });
  await db().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  const contentType = item.blobKey.endsWith('.csv') ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE;
  const { url, headers } = await blobStore().presignPut(item.blobKey, { contentType, size: item.size }, PUT_URL_SECONDS);
  return {
    upload: uploadView(item, language),
    put: { url, method: 'PUT' as const, headers, expiresAt: new Date(currentInstant().getTime() + PUT_URL_SECONDS * 1000).toISOString() },
  };
});

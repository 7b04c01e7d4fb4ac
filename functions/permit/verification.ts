/**
 * Checking a shown permit (GET /api/verify/{token}), for anyone, without an account. The token's
 * signature and lifetime are checked first; then one DynamoDB call both counts the check and reads
 * the live permit. Nothing about the checker is read or kept: the count is all that is recorded.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PermitStatus } from '#shared/permit/lifecycle';
import { packById } from '#shared/policy/registry';
import { currentInstant, todayInShanghai } from '#functions/commons/clock';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import { liveStatus, opaquePhotoKey, photoView, type PhotoView } from './card.ts';
import { permitKey, type PermitItem } from './items.ts';
import { permitSigner, TokenRejected } from './signer.ts';

export interface VerificationResult {
  result: PermitStatus;
  number: string;
  city: string;
  validUntil?: string;
  holder: { nameMasked: string } & PhotoView;
  checkedAt: string;
}

const invalid = () => new ApiError(400, 'verification_token_invalid');

/** The first character of a name, the rest as `*`: enough to match a face to a card, not to identify a stranger. */
export function maskName(name: string): string {
  const [first = '', ...rest] = Array.from(name);
  return `${first}${'*'.repeat(Math.max(rest.length, 1))}`;
}

async function claimsOf(token: string) {
  try {
    return await permitSigner().verify(token);
  } catch (error) {
    if (!(error instanceof TokenRejected)) throw error;
    throw error.problem === 'expired' ? new ApiError(410, 'verification_token_expired') : invalid();
  }
}

/** Counts the check and reads the permit in one call; undefined when there is no such permit. */
async function countedPermit(permitId: string): Promise<PermitItem | undefined> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: permitKey(permitId),
        UpdateExpression: 'ADD verifications :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as PermitItem;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}

export async function verifyPermitToken(token: string): Promise<VerificationResult> {
  const claims = await claimsOf(token);
  const permit = await countedPermit(claims.pid);
  if (!permit) throw invalid();
  const status = liveStatus(packById(permit.packId), permit, todayInShanghai());
  return {
    // A replaced card's tokens name its old number: that card no longer counts.
    result: claims.num === permit.number ? status : 'cancelled',
    number: claims.num,
    city: permit.city.name,
    ...(permit.validUntil ? { validUntil: permit.validUntil } : {}),
    holder: { nameMasked: maskName(permit.holderName), ...(await photoView(permit, opaquePhotoKey(permit.photo))) },
    checkedAt: currentInstant().toISOString(),
  };
}

/**
 * Renewing a permit before it expires (Liaoning: 延期; Datong: 换发), where the pack sets a lead time
 * before expiry. A renewal is an application the officer reviews like a first one: it needs no new
 * documents (the permit's photo is reused) and names the permit it renews.
 */
import { packById } from '#shared/policy/registry';
import { ApiError } from '#functions/commons/errors';
import { tableName } from '#functions/commons/environment';
import { todayInShanghai } from '#functions/commons/clock';
import { liveStatus } from './card.ts';
import { IN_FORCE, permitAt } from './changes.ts';
import { applicantProfile, applicationInProgress, checkedValidity, holderPerson, residenceForPermit, submitApplication } from './applying.ts';
import { permitKey, type HolderRef, type PermitApplicationItem } from './items.ts';
import { openApplication } from './records.ts';

export interface Renewal {
  holder: HolderRef;
  validityYears?: number | undefined;
  version: number;
}

export async function renewPermit(accountId: string, renewal: Renewal): Promise<PermitApplicationItem> {
  const permit = await permitAt(accountId, renewal.holder, renewal.version);
  const pack = packById(permit.packId);
  if (!pack.permit?.renewBefore || !permit.validUntil) throw new ApiError(422, 'renewal_not_offered');
  if (!IN_FORCE.includes(liveStatus(pack, permit, todayInShanghai()))) throw new ApiError(422, 'permit_not_active');
  const [profile, residence] = await Promise.all([applicantProfile(accountId), residenceForPermit(accountId)]);
  const person = await holderPerson(accountId, profile, permit.holder);
  if (await openApplication(accountId, renewal.holder)) throw await applicationInProgress(accountId, renewal.holder);
  const validity = checkedValidity(pack, renewal.validityYears);
  return submitApplication({
    accountId,
    kind: 'renewal',
    person,
    profile,
    pack,
    residence,
    validity,
    checked: { documents: [], attach: [] },
    permitId: permit.id,
    permitCondition: {
      ConditionCheck: {
        TableName: tableName(),
        Key: permitKey(permit.id),
        ConditionExpression: '#version = :seen',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':seen': permit.version },
      },
    },
  });
}

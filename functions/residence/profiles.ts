/**
 * The real-name profile (实名信息): one per account, and one account per citizen ID number. The
 * number is unique through a look-up item keyed by its keyed hash, written in the same transaction
 * as the profile, so two accounts saving the same number at once cannot both succeed.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { Profile, ProfileInput } from '#shared/api/residence';
import { maskCitizenId, readCitizenId } from '#shared/residence/citizen-id';
import type { Language } from '#shared/i18n/languages';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError, conflict, invalidField } from '#functions/commons/errors';
import { keyedHash } from '#functions/commons/pii';
import { getAccount } from '#functions/identity/accounts';
import { citizenIdKey, profileKey, type ProfileItem } from './items.ts';
import { placeOf } from './places.ts';
import { currentInstant, todayInShanghai } from '#functions/commons/clock';
import { failedConditions, transact, type TransactItem } from '#functions/commons/transactions';

export async function readProfile(accountId: string): Promise<ProfileItem | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: profileKey(accountId), ConsistentRead: true }));
  return Item as ProfileItem | undefined;
}

/** The caller's profile, which declaring and listing children need first. */
export async function requireProfile(accountId: string): Promise<ProfileItem> {
  const profile = await readProfile(accountId);
  if (!profile) throw new ApiError(409, 'profile_required');
  return profile;
}

/** The person as anyone but the officer's audited reveal sees them: the ID number masked. */
export function personView(p: ProfileItem): Omit<Profile, 'version' | 'updatedAt'> {
  return {
    name: p.name,
    citizenIdMasked: maskCitizenId(p.citizenId),
    birthDate: p.birthDate,
    sex: p.sex,
    ethnicity: p.ethnicity,
    phone: p.phone,
    hukou: p.hukou,
    education: p.education,
    employment: p.employment,
    ...(p.employer ? { employer: p.employer } : {}),
  };
}

export const profileView = (p: ProfileItem): Profile => ({ ...personView(p), version: p.version, updatedAt: p.updatedAt });

/** Facts read from a valid ID number; the birth date may not be after today (the contract only checks it loosely). */
export function citizenIdFacts(number: string, field: string) {
  const read = readCitizenId(number, todayInShanghai());
  if (!read.ok) throw invalidField(field, `validation.${read.problem}`);
  return read.facts;
}

/**
 * Creates the profile (no `version`) or updates the one at `version`. Birth date and sex come
 * from the ID number, the phone from the account; the request's language is kept for messages.
 */
export async function saveProfile(accountId: string, input: z.output<typeof ProfileInput>, language: Language): Promise<ProfileItem> {
  const facts = citizenIdFacts(input.citizenId, 'citizenId');
  const hukou = await placeOf(input.hukou.division, input.hukou.detail, 'hukou.division');
  const [existing, account, hash] = await Promise.all([readProfile(accountId), getAccount(accountId), keyedHash('citizenId', facts.number)]);
  // A create over an existing profile, or an update of a version that is not the stored one, is a stale form.
  if ((input.version === undefined) !== (existing === undefined) || (existing && existing.version !== input.version)) throw conflict();

  const fields = {
    accountId,
    name: input.name,
    citizenId: facts.number,
    citizenIdHash: hash,
    birthDate: facts.birthDate,
    sex: facts.sex,
    ethnicity: input.ethnicity,
    phone: account?.phone ?? '',
    hukou,
    education: input.education,
    employment: input.employment,
    language,
    version: (existing?.version ?? 0) + 1,
    updatedAt: currentInstant().toISOString(),
  };
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(fields).map(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  // Update, not Put: the child counter on the item is kept by the children's own transactions.
  let update = `SET ${sets.join(', ')}`;
  if (input.employer) {
    names['#employer'] = 'employer';
    values[':employer'] = input.employer;
    update += ', #employer = :employer';
  } else {
    names['#employer'] = 'employer';
    update += ' REMOVE #employer';
  }
  if (existing) values[':version'] = existing.version;

  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: profileKey(accountId),
        UpdateExpression: update,
        ConditionExpression: existing ? '#version = :version' : 'attribute_not_exists(pk)',
        ExpressionAttributeNames: { ...names, ...(existing ? { '#version': 'version' } : {}) },
        ExpressionAttributeValues: values,
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: { ...citizenIdKey(hash), accountId },
        ConditionExpression: 'attribute_not_exists(pk) OR accountId = :me',
        ExpressionAttributeValues: { ':me': accountId },
      },
    },
  ];
  if (existing && existing.citizenIdHash !== hash) {
    // The old number is free again once this account no longer uses it.
    items.push({
      Delete: {
        TableName: tableName(),
        Key: citizenIdKey(existing.citizenIdHash),
        ConditionExpression: 'attribute_not_exists(pk) OR accountId = :me',
        ExpressionAttributeValues: { ':me': accountId },
      },
    });
  }
  try {
    await transact(items);
  } catch (error) {
    const failed = failedConditions(error);
    if (!failed) throw error;
    if (failed[1]) throw new ApiError(409, 'citizen_id_taken');
    throw conflict();
  }
  const saved: ProfileItem = { ...profileKey(accountId), sk: 'PROFILE', ...fields, ...(input.employer ? { employer: input.employer } : {}) };
  if (existing?.childCount !== undefined) saved.childCount = existing.childCount;
  return saved;
}

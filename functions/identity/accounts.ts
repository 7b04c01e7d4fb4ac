/**
 * Sign-in accounts of the local identity provider (Cognito keeps them in AWS) and the profile
 * item `/api/me` reads in both. Phone and username look-up items make each unique: an account and
 * its look-up item are written in one transaction.
 */
import { randomUUID, scrypt as scryptCallback, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ApiError } from '#functions/commons/errors';
import { failedConditions, transact, type TransactItem } from '#functions/commons/transactions';
import type { Role } from '#shared/identity/roles';
import type { Organisation, Station } from '#shared/api/identity';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { keyedHash } from '#functions/commons/pii';
import { maskPhone } from '#shared/identity/masking';
import { now } from '#functions/commons/clock';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;

export interface Account {
  id: string;
  roles: Role[];
  displayName: string;
  phone?: string;
  username?: string;
  passwordHash?: string;
  /** Denormalised so that reading who the caller is stays one key look-up. */
  station?: Station;
  org?: Organisation;
  /** An organisation's administrator: manages the organisation's API keys. */
  orgAdmin?: boolean;
  createdAt: string;
}

export const accountKey = (id: string) => ({ pk: `ACCOUNT#${id}`, sk: 'ACCOUNT' });
const phoneKey = (hash: string) => ({ pk: `PHONE#${hash}`, sk: 'PHONE' });
const usernameKey = (username: string) => ({ pk: `USERNAME#${username}`, sk: 'USERNAME' });

export async function getAccount(id: string): Promise<Account | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: accountKey(id) }));
  return Item as Account | undefined;
}

async function accountIdAt(key: { pk: string; sk: string }): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item?.accountId as string | undefined;
}

/** The look-up item first, then the account, each only if new (so a failed first condition means the look-up is taken). */
function accountWithLookup(account: Account, lookup: { pk: string; sk: string }): TransactItem[] {
  return [
    {
      Put: {
        TableName: tableName(),
        Item: { ...lookup, accountId: account.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: { ...accountKey(account.id), ...account },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

async function createWithLookup(account: Account, lookup: { pk: string; sk: string }): Promise<void> {
  await db().send(new TransactWriteCommand({ TransactItems: accountWithLookup(account, lookup) }));
}

/** The resident account of a phone; a number not seen before gets one (first sign-in is sign-up). */
export async function residentForPhone(phone: string): Promise<Account> {
  const lookup = phoneKey(await keyedHash('phone', phone));
  for (let attempt = 0; attempt < 3; attempt++) {
    const existingId = await accountIdAt(lookup);
    if (existingId) {
      const existing = await getAccount(existingId);
      if (existing) return existing;
    }
    const account: Account = {
      id: randomUUID(),
      roles: ['resident'],
      displayName: maskPhone(phone),
      phone,
      createdAt: new Date(now()).toISOString(),
    };
    try {
      await createWithLookup(account, lookup);
      return account;
    } catch (error) {
      // Two first sign-ins of one number at once: the other won, read its account.
      if ((error as Error).name !== 'TransactionCanceledException') throw error;
    }
  }
  throw new Error('could not create or read the account of a phone');
}

const SCRYPT_KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const derived = await scrypt(password, salt, SCRYPT_KEY_LENGTH);
  return `scrypt$${salt.toString('base64')}$${derived.toString('base64')}`;
}

async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const derived = await scrypt(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(derived, expected);
}

/** A stored hash to compare against when the username is unknown, so timing does not reveal which usernames exist. */
let decoyHash: Promise<string> | undefined;

export async function accountForPassword(username: string, password: string): Promise<Account | undefined> {
  const id = await accountIdAt(usernameKey(username));
  const account = id ? await getAccount(id) : undefined;
  decoyHash ??= hashPassword(randomUUID());
  const matches = await passwordMatches(password, account?.passwordHash ?? (await decoyHash));
  return matches && account ? account : undefined;
}

export interface StaffAccountInput {
  username: string;
  password: string;
  roles: Role[];
  displayName: string;
  /** Shown to the administrator; staff sign in by username, never by this number. */
  phone?: string;
  station?: Station;
  org?: Organisation;
  orgAdmin?: boolean;
}

/**
 * Officers, agency users and admins sign in with a username and password. `alsoWrite` joins the
 * account's transaction (an organisation's user item and count): all are written or none. A taken
 * username is a 409 `username_taken`.
 */
export async function createStaffAccount(input: StaffAccountInput, alsoWrite: (account: Account) => TransactItem[] = () => []): Promise<Account> {
  const { password, ...rest } = input;
  const account: Account = {
    ...rest,
    id: randomUUID(),
    passwordHash: await hashPassword(password),
    createdAt: new Date(now()).toISOString(),
  };
  const lookup = usernameKey(input.username);
  try {
    await transact([...accountWithLookup(account, lookup), ...alsoWrite(account)]);
  } catch (error) {
    if (failedConditions(error)?.[0]) throw new ApiError(409, 'username_taken');
    throw error;
  }
  return account;
}

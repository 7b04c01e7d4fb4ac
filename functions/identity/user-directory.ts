/**
 * Where an organisation's users are created: the local identity provider's accounts
 * (`USER_DIRECTORY=local`) or the Cognito user pool (`USER_DIRECTORY=cognito`, `USER_POOL_ID`). Both
 * leave the account item `/api/me` reads, written in one transaction with what the caller adds
 * (the organisation's user item and its count). A username already taken is a 409 `username_taken`.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Organisation } from '#shared/api/identity';
import { CLAIM, type Role } from '#shared/identity/roles';
import { now } from '#functions/commons/clock';
import { requiredEnv, tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import { logger } from '#functions/commons/logger';
import { transact, type TransactItem } from '#functions/commons/transactions';
import { accountKey, createStaffAccount, type Account } from './accounts.ts';

export interface NewOrganisationUser {
  org: Organisation;
  username: string;
  displayName: string;
  /** 11 digits, no country code. */
  phone?: string;
  orgAdmin: boolean;
  password: string;
}

/** Items written in the account's transaction, given the account (its id is known only then). */
export type AlsoWrite = (account: Account) => TransactItem[];

const ORGANISATION_ROLES: Role[] = ['agency'];

let cognitoClient: CognitoIdentityProviderClient | undefined;
const cognito = () => (cognitoClient ??= new CognitoIdentityProviderClient({}));

export async function createOrganisationUser(user: NewOrganisationUser, alsoWrite: AlsoWrite = () => []): Promise<Account> {
  const directory = requiredEnv('USER_DIRECTORY');
  if (directory === 'local') return createLocalUser(user, alsoWrite);
  if (directory === 'cognito') return createCognitoUser(user, alsoWrite);
  throw new Error(`unknown USER_DIRECTORY ${directory}`);
}

function accountOf(user: NewOrganisationUser, id: string): Account {
  return {
    id,
    roles: ORGANISATION_ROLES,
    displayName: user.displayName,
    username: user.username,
    ...(user.phone ? { phone: user.phone } : {}),
    org: user.org,
    orgAdmin: user.orgAdmin,
    createdAt: new Date(now()).toISOString(),
  };
}

const createLocalUser = (user: NewOrganisationUser, alsoWrite: AlsoWrite) =>
  createStaffAccount(
    {
      username: user.username,
      password: user.password,
      roles: ORGANISATION_ROLES,
      displayName: user.displayName,
      org: user.org,
      orgAdmin: user.orgAdmin,
      ...(user.phone ? { phone: user.phone } : {}),
    },
    alsoWrite,
  );

/**
 * Cognito keeps the sign-in (username, password, group, the claims of the token); the table keeps
 * the profile `/api/me` reads under the user's `sub`. No invitation is sent: the administrator
 * hands the initial password over, and it is permanent so the first sign-in needs no challenge.
 * When the table's transaction fails the user is removed again, so a retry meets no half-made user.
 */
async function createCognitoUser(user: NewOrganisationUser, alsoWrite: AlsoWrite): Promise<Account> {
  const UserPoolId = requiredEnv('USER_POOL_ID');
  const attributes = [
    { Name: 'name', Value: user.displayName },
    { Name: CLAIM.org, Value: user.org.id },
    { Name: CLAIM.orgAdmin, Value: String(user.orgAdmin) },
    ...(user.phone ? [{ Name: CLAIM.phone, Value: `+86${user.phone}` }] : []),
  ];
  let sub: string | undefined;
  try {
    const created = await cognito().send(
      new AdminCreateUserCommand({ UserPoolId, Username: user.username, MessageAction: 'SUPPRESS', UserAttributes: attributes }),
    );
    sub = created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
  } catch (error) {
    if ((error as Error).name === 'UsernameExistsException') throw new ApiError(409, 'username_taken');
    throw error;
  }
  if (!sub) throw new Error('Cognito created a user without a sub');
  try {
    await cognito().send(new AdminSetUserPasswordCommand({ UserPoolId, Username: user.username, Password: user.password, Permanent: true }));
    for (const group of ORGANISATION_ROLES) {
      await cognito().send(new AdminAddUserToGroupCommand({ UserPoolId, Username: user.username, GroupName: group }));
    }
    const account = accountOf(user, sub);
    await transact([
      { Put: { TableName: tableName(), Item: { ...accountKey(sub), ...account }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...alsoWrite(account),
    ]);
    return account;
  } catch (error) {
    // Ids only: the username may be a person's name.
    logger.warn('organisation user not completed; removing it from the user pool', { org: user.org.id, sub });
    try {
      await cognito().send(new AdminDeleteUserCommand({ UserPoolId, Username: user.username }));
    } catch (cleanup) {
      logger.error('organisation user left in the user pool without its account', { org: user.org.id, sub, error: (cleanup as Error).name });
    }
    throw error;
  }
}

/**
 * An organisation's user in the Cognito user pool (`USER_DIRECTORY=cognito`), with Cognito and the
 * table mocked: created without an invitation with the organisation's attributes, given the
 * permanent password and the agency group, then its account written with the caller's items in one
 * transaction; a taken username is a 409; a user whose account could not be written is removed again.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOrganisationUser, type NewOrganisationUser } from '#functions/identity/user-directory';
import { initialPassword } from '#functions/organisations/organisations';

const cognito = mockClient(CognitoIdentityProviderClient);
const database = mockClient(DynamoDBDocumentClient);
const SUB = 'a1b2c3d4-0000-4000-8000-000000000009';

const user: NewOrganisationUser = {
  org: { id: 'org-7k3m9q2xwa', name: '福田人力资源服务', type: 'jobAgency' },
  username: 'zhao.lei',
  displayName: '赵磊',
  phone: '13912345678',
  orgAdmin: true,
  password: 'Strong-Initial-Pass-42',
};
const orgItems = () => [{ Put: { TableName: 'unit', Item: { pk: 'ORG#org-7k3m9q2xwa', sk: `USER#${SUB}` } } }];

beforeAll(() => {
  Object.assign(process.env, { USER_DIRECTORY: 'cognito', USER_POOL_ID: 'ap-northeast-1_Example', TABLE_NAME: 'unit', AWS_REGION: 'local' });
});

beforeEach(() => {
  cognito.reset();
  database.reset();
  cognito.on(AdminCreateUserCommand).resolves({ User: { Username: user.username, Attributes: [{ Name: 'sub', Value: SUB }] } });
  cognito.on(AdminSetUserPasswordCommand).resolves({});
  cognito.on(AdminAddUserToGroupCommand).resolves({});
  cognito.on(AdminDeleteUserCommand).resolves({});
  database.on(TransactWriteCommand).resolves({});
});

afterAll(() => {
  cognito.restore();
  database.restore();
});

describe('an organisation user in Cognito', () => {
  it('is created without an invitation, with a permanent password, in the agency group, and its account written with the given items', async () => {
    const account = await createOrganisationUser(user, orgItems);
    expect(account).toMatchObject({ id: SUB, roles: ['agency'], displayName: '赵磊', username: 'zhao.lei', phone: '13912345678', org: user.org, orgAdmin: true });
    expect(account).not.toHaveProperty('passwordHash');

    expect(cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input).toEqual({
      UserPoolId: 'ap-northeast-1_Example',
      Username: 'zhao.lei',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'name', Value: '赵磊' },
        { Name: 'custom:org', Value: 'org-7k3m9q2xwa' },
        { Name: 'custom:org_admin', Value: 'true' },
        { Name: 'phone_number', Value: '+8613912345678' },
      ],
    });
    expect(cognito.commandCalls(AdminSetUserPasswordCommand)[0]?.args[0].input).toEqual({
      UserPoolId: 'ap-northeast-1_Example',
      Username: 'zhao.lei',
      Password: user.password,
      Permanent: true,
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input.GroupName)).toEqual(['agency']);

    const [transaction] = database.commandCalls(TransactWriteCommand);
    const items = transaction!.args[0].input.TransactItems!;
    expect(items[0]).toMatchObject({ Put: { Item: { pk: `ACCOUNT#${SUB}`, sk: 'ACCOUNT', id: SUB, orgAdmin: true }, ConditionExpression: 'attribute_not_exists(pk)' } });
    expect(items.slice(1)).toEqual(orgItems());
    expect(JSON.stringify(items)).not.toContain(user.password);
    expect(cognito.commandCalls(AdminDeleteUserCommand)).toHaveLength(0);
  });

  it('answers 409 username_taken when the pool has the username, and writes nothing', async () => {
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    await expect(createOrganisationUser(user, orgItems)).rejects.toMatchObject({ status: 409, code: 'username_taken' });
    expect(database.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(cognito.commandCalls(AdminDeleteUserCommand)).toHaveLength(0);
  });

  it('is removed from the pool again when its account cannot be written (the organisation vanished), so a retry starts clean', async () => {
    const cancelled = new TransactionCanceledException({
      message: 'cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
    });
    database.on(TransactWriteCommand).rejects(cancelled);
    await expect(createOrganisationUser(user, orgItems)).rejects.toBe(cancelled);
    expect(cognito.commandCalls(AdminDeleteUserCommand)[0]?.args[0].input).toEqual({ UserPoolId: 'ap-northeast-1_Example', Username: 'zhao.lei' });
  });

  it('is removed again when its password is refused, and the first error is the one reported even if the removal fails', async () => {
    const refused = Object.assign(new Error('password does not conform'), { name: 'InvalidPasswordException' });
    cognito.on(AdminSetUserPasswordCommand).rejects(refused);
    cognito.on(AdminDeleteUserCommand).rejects(new Error('throttled'));
    await expect(createOrganisationUser(user, orgItems)).rejects.toBe(refused);
    expect(cognito.commandCalls(AdminDeleteUserCommand)).toHaveLength(1);
    expect(database.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('the initial password', () => {
  it("meets Cognito's default policy: at least 16 characters, lower and upper case, a digit and a symbol, and differs every time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = initialPassword();
      expect(password.length).toBeGreaterThanOrEqual(16);
      for (const kind of [/[a-z]/, /[A-Z]/, /\d/, /[!#%*+\-=?@_]/]) expect(password).toMatch(kind);
      expect(password).not.toMatch(/[0O1lI\s]/);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
});

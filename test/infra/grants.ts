/** The least-privilege check: a route's function may do exactly what infra/routes.ts declares. */
import { expect } from 'vitest';
import type { Route } from '#infra/routes';
import { actionsOf, environmentOf, functionOfRoute, onlyOfType, refersTo, statementsOfFunction, type Resources } from './cfn.ts';

export const routeKeyOf = (route: Route) => `${route.contract.method} ${route.contract.path}`;

const READS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const SECRET_READ = 'secretsmanager:GetSecretValue';
/** What signing each kind of URL needs (a presigned GET also serves HEAD and ranged reads), written out rather than imported. */
const BLOB_ACTIONS = { read: ['s3:GetObject'], write: ['s3:PutObject'], readWrite: ['s3:GetObject', 's3:PutObject'] } as const;
/** The only keys the blob store writes and reads: organisations' sheets for the agency routes, proof documents for the others. */
const blobKeysOf = (route: Route) => (route.contract.path.startsWith('/api/agency/') ? '/imports/*' : '/proofs/*');
/** Creating an organisation's user in the pool (and removing one left half made), written out rather than imported. */
const USER_DIRECTORY_ACTIONS = ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminSetUserPassword'];

/**
 * `uploadsBucketId` is the logical id of the blob store's bucket: functions of routes with `blobs`
 * get its name and may sign exactly the URLs they declare, for proof documents only (organisations'
 * sheets for the agency routes). Routes with `importQueue` may only send to a queue; routes with
 * `userDirectory` may only create users in the pool.
 */
export function expectGrantsAsDeclared(resources: Resources, route: Route, uploadsBucketId: string) {
  const [tableId] = onlyOfType(resources, 'AWS::DynamoDB::GlobalTable');
  const [secretId] = onlyOfType(resources, 'AWS::SecretsManager::Secret');
  const [, fn] = functionOfRoute(resources, routeKeyOf(route));
  const statements = statementsOfFunction(resources, fn);
  const actions = actionsOf(statements);
  const context = `${route.id} (table: ${route.table}, usesPiiKey: ${route.usesPiiKey ?? false}, blobs: ${route.blobs ?? 'none'})`;

  expect(actions.some((a) => a === '*' || a === 'dynamodb:*' || a === 'secretsmanager:*' || a === 's3:*'), context).toBe(false);
  const dynamo = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('dynamodb:')));
  for (const statement of dynamo) expect(refersTo(statement.Resource, tableId), context).toBe(true);

  if (route.table === 'none') expect(actions.filter((a) => a.startsWith('dynamodb:')), context).toEqual([]);
  else expect(actions, context).toEqual(expect.arrayContaining(READS));
  if (route.table === 'readWrite') expect(actions, context).toEqual(expect.arrayContaining(WRITES));
  else for (const write of WRITES) expect(actions, context).not.toContain(write);

  const readsSecret = statements.some((s) => actionsOf([s]).includes(SECRET_READ) && refersTo(s.Resource, secretId));
  expect(readsSecret, context).toBe(route.usesPiiKey === true);
  if (!route.usesPiiKey) expect(actions.filter((a) => a.startsWith('secretsmanager:')), context).toEqual([]);
  expect('PII_KEY_SECRET_ARN' in environmentOf(fn), context).toBe(route.usesPiiKey === true);

  expect(actions.filter((a) => a.startsWith('sqs:')), context).toEqual(route.importQueue ? ['sqs:SendMessage'] : []);
  expect(environmentOf(fn).IMPORT_QUEUE, context).toBe(route.importQueue ? 'sqs' : undefined);
  expect('IMPORT_QUEUE_URL' in environmentOf(fn), context).toBe(route.importQueue === true);
  expect(actions.filter((a) => a.startsWith('cognito-idp:')).sort(), context).toEqual(route.userDirectory ? USER_DIRECTORY_ACTIONS : []);
  expect(environmentOf(fn).USER_DIRECTORY, context).toBe(route.userDirectory ? 'cognito' : undefined);

  expectBlobAccessAsDeclared(resources, route, uploadsBucketId);
}

/** Blob store: the environment that selects S3, and the S3 actions a presigned URL of each kind needs, on the route's keys only. */
function expectBlobAccessAsDeclared(resources: Resources, route: Route, uploadsBucketId: string) {
  const [, fn] = functionOfRoute(resources, routeKeyOf(route));
  const statements = statementsOfFunction(resources, fn);
  const context = `${route.id} (blobs: ${route.blobs ?? 'none'})`;
  const environment = environmentOf(fn);
  const s3Statements = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('s3:')));

  if (!route.blobs) {
    expect(s3Statements, context).toEqual([]);
    expect(statements.some((s) => refersTo(s.Resource, uploadsBucketId)), context).toBe(false);
    expect(environment, context).not.toHaveProperty('BLOB_STORE');
    expect(environment, context).not.toHaveProperty('UPLOADS_BUCKET');
    return;
  }
  expect(environment.BLOB_STORE, context).toBe('s3');
  expect(environment.UPLOADS_BUCKET, context).toEqual({ Ref: uploadsBucketId });
  expect([...new Set(actionsOf(s3Statements))].sort(), context).toEqual([...BLOB_ACTIONS[route.blobs]].sort());
  const keys = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [uploadsBucketId, 'Arn'] }, blobKeysOf(route)]] };
  for (const statement of s3Statements) {
    expect(statement.Effect, context).toBe('Allow');
    expect(statement.Condition, context).toBeUndefined();
    expect([statement.Resource].flat(), context).toEqual([keys]);
  }
}

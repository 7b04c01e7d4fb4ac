/**
 * The least-privilege check: a function may do exactly what the routes it serves declare in
 * infra/routes.ts, together (their union), and nothing more. Which routes a function serves is
 * read from the template (each API route's integration), and the union is worked out here from
 * the route table, written out rather than imported from the stack's code.
 */
import { expect } from 'vitest';
import type { Route } from '#infra/routes';
import { RATE_LIMIT_DEFAULTS, type RateLimitName } from '#shared/api/rate-limits';
import { actionsOf, environmentOf, functionOfRoute, onlyOfType, piiKeySecretId, refersTo, statementsOfFunction, type PolicyStatement, type Resources } from './cfn.ts';

export const routeKeyOf = (route: Route) => `${route.contract.method} ${route.contract.path}`;

const READS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const SECRET_READ = 'secretsmanager:GetSecretValue';
/** What signing each kind of URL needs (a presigned GET also serves HEAD and ranged reads), written out rather than imported. */
const BLOB_ACTIONS = { read: ['s3:GetObject'], write: ['s3:PutObject'] } as const;
/** The only keys the blob store writes and reads: organisations' sheets for the agency routes, proof documents for the others. */
const blobKeysOf = (route: Route) => (route.contract.path.startsWith('/api/agency/') ? '/imports/*' : '/proofs/*');
/** Creating an organisation's user in the pool (and removing one left half made), written out rather than imported. */
const USER_DIRECTORY_ACTIONS = ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminSetUserPassword'];
const PERMIT_KEY_ACTIONS = { sign: ['kms:GetPublicKey', 'kms:Sign'], verify: ['kms:GetPublicKey'] } as const;
/** A rate limit's counters, written out rather than imported: an update of the `RATE#` partitions and nothing else. */
const COUNTER_GRANT = { actions: ['dynamodb:UpdateItem'], condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RATE#*'] } } };
/** The variable of each limit group, written out, and its value when the stack is given no limits. */
const RATE_LIMIT_VARIABLES: Record<RateLimitName, string> = { verify: 'RATE_LIMIT_VERIFY', reference: 'RATE_LIMIT_REFERENCE' };
const isCounterGrant = (statement: PolicyStatement) => JSON.stringify(statement.Condition) === JSON.stringify(COUNTER_GRANT.condition);

/**
 * The functions the route table asks for, worked out here: one per feature folder of functions/
 * for its routes, and one alone for each isolated route. Named by the folder or the route's id.
 */
export function expectedFunctions(routes: readonly Route[]): [name: string, routes: Route[]][] {
  const groups = new Map<string, Route[]>();
  for (const route of routes) {
    const name = route.isolated ? route.id : route.handler.split('/')[1]!;
    groups.set(name, [...(groups.get(name) ?? []), route]);
  }
  return [...groups];
}

/** The one function serving all of `routes`, as the template wires them; fails when they are served by more than one. */
export function functionServing(resources: Resources, routes: readonly Route[]): string {
  const ids = new Set(routes.map((route) => functionOfRoute(resources, routeKeyOf(route))[0]));
  expect([...ids], routes.map((r) => r.id).join(', ')).toHaveLength(1);
  return [...ids][0]!;
}

/** The routes served by each function, by the function's logical id, as the template wires them. */
export function routesByFunction(resources: Resources, routes: readonly Route[]): Map<string, Route[]> {
  const byFunction = new Map<string, Route[]>();
  for (const route of routes) {
    const [id] = functionOfRoute(resources, routeKeyOf(route));
    byFunction.set(id, [...(byFunction.get(id) ?? []), route]);
  }
  return byFunction;
}

/** What `routes` declare together. */
function unionOf(routes: readonly Route[]) {
  const blobs = new Map<string, Set<string>>();
  for (const route of routes.filter((r) => r.blobs)) {
    const actions = blobs.get(blobKeysOf(route)) ?? new Set<string>();
    if (route.blobs !== 'write') BLOB_ACTIONS.read.forEach((a) => actions.add(a));
    if (route.blobs !== 'read') BLOB_ACTIONS.write.forEach((a) => actions.add(a));
    blobs.set(blobKeysOf(route), actions);
  }
  return {
    table: routes.some((r) => r.table === 'readWrite') ? 'readWrite' : routes.some((r) => r.table === 'read') ? 'read' : 'none',
    usesPiiKey: routes.some((r) => r.usesPiiKey),
    blobs,
    permitKey: routes.some((r) => r.permitKey === 'sign') ? 'sign' : routes.some((r) => r.permitKey === 'verify') ? 'verify' : undefined,
    importQueue: routes.some((r) => r.importQueue),
    userDirectory: routes.some((r) => r.userDirectory),
    rateLimits: new Set(routes.flatMap((r) => (r.rateLimited ? [r.rateLimited] : []))),
  } as const;
}

/**
 * `uploadsBucketId` is the logical id of the blob store's bucket: a function serving routes with
 * `blobs` gets its name and may sign exactly the URLs those routes declare, on their keys only.
 * Routes with `importQueue` may only send to a queue; routes with `userDirectory` may only create
 * users in the pool; routes with `permitKey` may use the key only as declared.
 */
export function expectGrantsOfFunction(resources: Resources, functionId: string, routes: readonly Route[], uploadsBucketId: string) {
  const [tableId] = onlyOfType(resources, 'AWS::DynamoDB::GlobalTable');
  const secretId = piiKeySecretId(resources);
  const fn = resources[functionId]!;
  const allStatements = statementsOfFunction(resources, fn);
  const declared = unionOf(routes);
  const context = `${functionId} (${routes.map((r) => r.id).join(', ')})`;

  // A rate limit's counters: exactly one grant, and only where a route is limited; the table access the routes declare is the rest.
  const counterGrants = allStatements.filter(isCounterGrant);
  expect(counterGrants.length, context).toBe(declared.rateLimits.size ? 1 : 0);
  for (const statement of counterGrants) {
    expect(statement.Effect, context).toBe('Allow');
    expect([statement.Action].flat(), context).toEqual(COUNTER_GRANT.actions);
  }
  const limitVariables = Object.keys(environmentOf(fn)).filter((name) => name.startsWith('RATE_LIMIT_'));
  expect(limitVariables.sort(), context).toEqual([...declared.rateLimits].map((name) => RATE_LIMIT_VARIABLES[name]).sort());
  for (const name of declared.rateLimits) {
    const { requests, windowSeconds } = RATE_LIMIT_DEFAULTS[name];
    expect(environmentOf(fn)[RATE_LIMIT_VARIABLES[name]], context).toBe(`${requests}/${windowSeconds}`);
  }
  const statements = allStatements.filter((statement) => !isCounterGrant(statement));
  const actions = actionsOf(statements);

  expect(actions.some((a) => a === '*' || a.endsWith(':*')), context).toBe(false);
  const dynamo = allStatements.filter((s) => actionsOf([s]).some((a) => a.startsWith('dynamodb:')));
  for (const statement of dynamo) expect(refersTo(statement.Resource, tableId), context).toBe(true);

  if (declared.table === 'none') expect(actions.filter((a) => a.startsWith('dynamodb:')), context).toEqual([]);
  else expect(actions, context).toEqual(expect.arrayContaining(READS));
  if (declared.table === 'readWrite') expect(actions, context).toEqual(expect.arrayContaining(WRITES));
  else for (const write of WRITES) expect(actions, context).not.toContain(write);

  const readsSecret = statements.some((s) => actionsOf([s]).includes(SECRET_READ) && refersTo(s.Resource, secretId));
  // A limited route hashes its caller's address with the same key.
  const hashes = declared.usesPiiKey || declared.rateLimits.size > 0;
  expect(readsSecret, context).toBe(hashes);
  if (!hashes) expect(actions.filter((a) => a.startsWith('secretsmanager:')), context).toEqual([]);
  expect('PII_KEY_SECRET_ARN' in environmentOf(fn), context).toBe(hashes);

  expect(actions.filter((a) => a.startsWith('sqs:')), context).toEqual(declared.importQueue ? ['sqs:SendMessage'] : []);
  expect(environmentOf(fn).IMPORT_QUEUE, context).toBe(declared.importQueue ? 'sqs' : undefined);
  expect('IMPORT_QUEUE_URL' in environmentOf(fn), context).toBe(declared.importQueue);
  expect(actions.filter((a) => a.startsWith('cognito-idp:')).sort(), context).toEqual(declared.userDirectory ? USER_DIRECTORY_ACTIONS : []);
  expect(environmentOf(fn).USER_DIRECTORY, context).toBe(declared.userDirectory ? 'cognito' : undefined);
  expect([...new Set(actions.filter((a) => a.startsWith('kms:')))].sort(), context).toEqual(declared.permitKey ? PERMIT_KEY_ACTIONS[declared.permitKey] : []);

  // Blob store: the environment that selects S3, and on each key prefix the S3 actions the routes' URLs need.
  const environment = environmentOf(fn);
  const s3Statements = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('s3:')));
  if (declared.blobs.size === 0) {
    expect(s3Statements, context).toEqual([]);
    expect(statements.some((s) => refersTo(s.Resource, uploadsBucketId)), context).toBe(false);
    expect(environment, context).not.toHaveProperty('BLOB_STORE');
    expect(environment, context).not.toHaveProperty('UPLOADS_BUCKET');
    return;
  }
  expect(environment.BLOB_STORE, context).toBe('s3');
  expect(environment.UPLOADS_BUCKET, context).toEqual({ Ref: uploadsBucketId });
  const granted = new Map<string, Set<string>>();
  for (const statement of s3Statements) {
    expect(statement.Effect, context).toBe('Allow');
    expect(statement.Condition, context).toBeUndefined();
    const resources = [statement.Resource].flat() as { 'Fn::Join': [string, [unknown, string]] }[];
    expect(resources, context).toHaveLength(1);
    const [bucketArn, keys] = resources[0]!['Fn::Join'][1];
    expect(bucketArn, context).toEqual({ 'Fn::GetAtt': [uploadsBucketId, 'Arn'] });
    const actionsOnKeys = granted.get(keys) ?? new Set<string>();
    actionsOf([statement]).forEach((a) => actionsOnKeys.add(a));
    granted.set(keys, actionsOnKeys);
  }
  const sorted = (map: Map<string, Set<string>>) => Object.fromEntries([...map].map(([keys, set]) => [keys, [...set].sort()]));
  expect(sorted(granted), context).toEqual(sorted(declared.blobs));
}

/** The least-privilege check: a route's function may do exactly what infra/routes.ts declares. */
import { expect } from 'vitest';
import type { Route } from '#infra/routes';
import { actionsOf, environmentOf, functionOfRoute, onlyOfType, refersTo, statementsOfFunction, type Resources } from './cfn.ts';

export const routeKeyOf = (route: Route) => `${route.contract.method} ${route.contract.path}`;

const READS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const SECRET_READ = 'secretsmanager:GetSecretValue';

export function expectGrantsAsDeclared(resources: Resources, route: Route) {
  const [tableId] = onlyOfType(resources, 'AWS::DynamoDB::GlobalTable');
  const [secretId] = onlyOfType(resources, 'AWS::SecretsManager::Secret');
  const [, fn] = functionOfRoute(resources, routeKeyOf(route));
  const statements = statementsOfFunction(resources, fn);
  const actions = actionsOf(statements);
  const context = `${route.id} (table: ${route.table}, usesPiiKey: ${route.usesPiiKey ?? false})`;

  expect(actions.some((a) => a === '*' || a === 'dynamodb:*' || a === 'secretsmanager:*'), context).toBe(false);
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
}

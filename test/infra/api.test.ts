/**
 * The Api construct over the whole route table, local-only routes included: the cloud routes do
 * not (yet) use every combination of table access and identifier key, the table as a whole does.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, expect, it } from 'vitest';
import { routes } from '#infra/routes';
import { Api } from '#infra/stack/api';
import { Data } from '#infra/stack/data';
import { fixture, resourcesOf, type Resources } from './cfn.ts';
import { expectGrantsAsDeclared } from './grants.ts';

let resources: Resources;

beforeAll(() => {
  const stack = new Stack(new App(), 'ApiTest', { env: fixture.env });
  const data = new Data(stack, 'Data');
  new Api(stack, 'Api', {
    routes,
    table: data.table,
    piiKey: data.piiKey,
    jwtIssuer: 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Example',
    jwtAudience: ['web-client'],
  });
  resources = resourcesOf(Template.fromStack(stack));
});

it('the route table exercises every kind of access', () => {
  expect(new Set(routes.map((route) => route.table))).toEqual(new Set(['none', 'read', 'readWrite']));
  expect(new Set(routes.map((route) => route.usesPiiKey === true))).toEqual(new Set([true, false]));
});

it.each(routes.map((route) => [route.id, route] as const))('%s gets exactly the access it declares', (_, route) => {
  expectGrantsAsDeclared(resources, route);
});

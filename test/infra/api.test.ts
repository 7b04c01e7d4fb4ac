/**
 * The Api construct over the whole route table, local-only routes included: the cloud routes do
 * not (yet) use every combination of table access, identifier key and blob access, the table as a
 * whole (plus one extra route that signs both kinds of URL) does. Bundling is skipped: the stack
 * test bundles every function, and the template is the same.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { beforeAll, expect, it } from 'vitest';
import { routes, type Route } from '#infra/routes';
import { Api } from '#infra/stack/api';
import { Data } from '#infra/stack/data';
import { PermitSigningKey } from '#infra/stack/permits';
import { Uploads } from '#infra/stack/uploads';
import { fixture, onlyOfType, resourcesOf, type Resources } from './cfn.ts';
import { expectedFunctions, expectGrantsOfFunction, functionServing, routesByFunction } from './grants.ts';

const health = routes.find((route) => route.id === 'Health')!;
/** No route of the table reads and writes blobs yet; this one makes sure the mapping of `readWrite` is checked too. */
const readWriteBlobs: Route = {
  ...health,
  id: 'ReadWriteBlobs',
  contract: { ...health.contract, method: 'POST', path: '/api/test/blobs' },
  blobs: 'readWrite',
};
const tested = [...routes, readWriteBlobs];

let resources: Resources;
let uploadsBucketId: string;

beforeAll(() => {
  const stack = new Stack(new App({ context: { [BUNDLING_STACKS]: [] } }), 'ApiTest', { env: fixture.env });
  const data = new Data(stack, 'Data');
  const uploads = new Uploads(stack, 'Uploads');
  new Api(stack, 'Api', {
    routes: tested,
    table: data.table,
    piiKey: data.piiKey,
    uploads: uploads.bucket,
    permitKey: new PermitSigningKey(stack, 'PermitKey').key,
    importQueue: new sqs.Queue(stack, 'ImportQueue'),
    userPool: new cognito.UserPool(stack, 'UserPool'),
    jwtIssuer: 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Example',
    jwtAudience: ['web-client'],
  });
  resources = resourcesOf(Template.fromStack(stack));
  [uploadsBucketId] = onlyOfType(resources, 'AWS::S3::Bucket');
});

it('the route table exercises every kind of access', () => {
  expect(new Set(routes.map((route) => route.table))).toEqual(new Set(['none', 'read', 'readWrite']));
  expect(new Set(routes.map((route) => route.usesPiiKey === true))).toEqual(new Set([true, false]));
  expect(new Set(tested.map((route) => route.blobs ?? 'none'))).toEqual(new Set(['none', 'read', 'write', 'readWrite']));
});

it('serves the routes of each feature with one function, and each isolated route with one of its own', () => {
  expect(routesByFunction(resources, tested).size).toBe(expectedFunctions(tested).length);
});

it.each(expectedFunctions(tested))('the function of %s gets exactly the access its routes declare together', (_, served) => {
  expectGrantsOfFunction(resources, functionServing(resources, served), served, uploadsBucketId);
});

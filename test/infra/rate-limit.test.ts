/**
 * The per-client limits of the public routes in the synthesized stack: the limited routes' functions
 * get their group's setting (the defaults, or the stack's own), may add to the counters and nothing
 * more for it, and learn the origin secret that CloudFront sends with every API request, next to the
 * viewer address its function sets; no other function gets either. Grants per route are checked for
 * every function in grants.ts (api.test.ts, agency.test.ts).
 */
import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudRoutes } from '#infra/routes';
import { Api } from '#infra/stack/api';
import { Data } from '#infra/stack/data';
import { PermitSigningKey } from '#infra/stack/permits';
import { Uploads } from '#infra/stack/uploads';
import { environmentOf, fixture, ofType, onlyOfType, props, refersTo, resourcesOf, type Props, type Resources } from './cfn.ts';
import { functionServing, routeKeyOf } from './grants.ts';
import { synthesizePortal, type Synthesized } from './jobs.ts';

let synthesized: Synthesized;

beforeAll(() => {
  synthesized = synthesizePortal('RateLimits');
});

afterAll(() => synthesized?.dispose());

const limited = cloudRoutes.filter((route) => route.rateLimited);
const functionsOf = (resources: Resources, routes: typeof cloudRoutes) => [...new Set(routes.map((route) => functionServing(resources, [route])))];

describe('the limited routes', () => {
  it('are permit verification, the divisions and the public policy routes', () => {
    expect(Object.fromEntries(limited.map((route) => [routeKeyOf(route), route.rateLimited]))).toEqual({
      'GET /api/verify/{token}': 'verify',
      'GET /api/divisions': 'reference',
      'GET /api/policies': 'reference',
      'GET /api/policies/{id}': 'reference',
      'GET /api/policies/for-division/{division}': 'reference',
    });
  });

  it("get their group's default setting in their functions' environment", () => {
    const { resources } = synthesized;
    for (const route of limited) {
      const fn = resources[functionServing(resources, [route])]!;
      const variable = `RATE_LIMIT_${route.rateLimited!.toUpperCase()}`;
      expect(environmentOf(fn)[variable], route.id).toBe(route.rateLimited === 'verify' ? '60/60' : '600/60');
    }
  });

  it('get the origin secret, by dynamic reference, in exactly their functions', () => {
    const { resources } = synthesized;
    const secretIds = ofType(resources, 'AWS::SecretsManager::Secret').map(([id]) => id).filter((id) => id.startsWith('WebOriginSecret'));
    expect(secretIds).toHaveLength(1);
    const withSecret = ofType(resources, 'AWS::Lambda::Function').filter(([, fn]) => 'EDGE_ORIGIN_SECRET' in environmentOf(fn)).map(([id]) => id);
    expect(withSecret.sort()).toEqual(functionsOf(resources, limited).sort());
    for (const id of withSecret) {
      const value = JSON.stringify(environmentOf(resources[id]!).EDGE_ORIGIN_SECRET);
      expect(value).toContain('{{resolve:secretsmanager:');
      expect(refersTo(environmentOf(resources[id]!).EDGE_ORIGIN_SECRET, secretIds[0]!)).toBe(true);
    }
  });
});

describe('CloudFront in front of the API', () => {
  let distribution: Props;
  const apiBehaviour = () => (distribution.CacheBehaviors as Props[]).find((b) => b.PathPattern === '/api/*')!;

  beforeAll(() => {
    distribution = props(onlyOfType(synthesized.resources, 'AWS::CloudFront::Distribution')[1]).DistributionConfig as Props;
  });

  it('sends the origin secret to the API, as a dynamic reference to the secret (never in the template)', () => {
    const origin = (distribution.Origins as Props[]).find((o) => o.Id === apiBehaviour().TargetOriginId)!;
    const headers = origin.OriginCustomHeaders as { HeaderName: string; HeaderValue: unknown }[];
    expect(headers.map((h) => h.HeaderName)).toEqual(['x-origin-verify']);
    const [secretId] = ofType(synthesized.resources, 'AWS::SecretsManager::Secret').find(([id]) => id.startsWith('WebOriginSecret'))!;
    expect(JSON.stringify(headers[0]!.HeaderValue)).toContain('{{resolve:secretsmanager:');
    expect(refersTo(headers[0]!.HeaderValue, secretId)).toBe(true);
  });

  it("sets the viewer's address on every API request, replacing any the viewer sent", () => {
    const associations = apiBehaviour().FunctionAssociations as { EventType: string; FunctionARN: unknown }[];
    expect(associations).toHaveLength(1);
    expect(associations[0]!.EventType).toBe('viewer-request');
    const [, fn] = ofType(synthesized.resources, 'AWS::CloudFront::Function').find(([id]) => refersTo(associations[0]!.FunctionARN, id))!;
    expect(String(props(fn).FunctionCode)).toContain("request.headers['x-viewer-address'] = { value: event.viewer.ip };");
  });
});

describe('a stack given its own limits', () => {
  it('passes them to the functions instead of the defaults', () => {
    const stack = new Stack(new App({ context: { [BUNDLING_STACKS]: [] } }), 'OwnLimits', { env: fixture.env });
    const data = new Data(stack, 'Data');
    new Api(stack, 'Api', {
      routes: cloudRoutes,
      table: data.table,
      piiKey: data.piiKey,
      uploads: new Uploads(stack, 'Uploads').bucket,
      permitKey: new PermitSigningKey(stack, 'PermitKey').key,
      importQueue: new sqs.Queue(stack, 'ImportQueue'),
      userPool: new cognito.UserPool(stack, 'UserPool'),
      jwtIssuer: 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Example',
      jwtAudience: ['web-client'],
      rateLimits: { verify: { requests: 120, windowSeconds: 30 } },
    });
    const resources = resourcesOf(Template.fromStack(stack));
    const verify = resources[functionServing(resources, limited.filter((r) => r.rateLimited === 'verify'))]!;
    const reference = resources[functionServing(resources, limited.filter((r) => r.id === 'ListDivisions'))]!;
    expect(environmentOf(verify).RATE_LIMIT_VERIFY).toBe('120/30');
    expect(environmentOf(reference).RATE_LIMIT_REFERENCE).toBe('600/60');
  });
});

/**
 * The Web construct alone: the client-side route fallback, the missing-build message, and the
 * security headers CloudFront adds (the same set the local server sends); and the whole stack
 * with those headers still deployable.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Web, type WebProps } from '#infra/stack/web';
import { CAMERA_PAGES, securityHeaders } from '#infra/security-headers';
import { ofType, onlyOfType, props, referencedIds, resourcesOf, fixture, type Props, type Resources } from './cfn.ts';
import { synthesizePortal, type Synthesized } from './jobs.ts';

const config: WebProps['config'] = { authMode: 'cognito', region: 'ap-northeast-1', userPoolId: 'pool', clientId: 'client' };
const IDENTITY_ENDPOINT = 'https://cognito-idp.ap-northeast-1.amazonaws.com';
const webIn = (siteDir: string) => {
  const stack = new Stack(new App(), 'WebTest', { env: fixture.env });
  const uploadsBucket = new s3.Bucket(stack, 'Uploads');
  return new Web(stack, 'Web', { siteDir, apiDomainName: 'api.example.com', config, uploadsBucket, identityEndpoint: IDENTITY_ENDPOINT });
};

/** A template value as CloudFormation renders it in the fixture's region of the commercial partition. */
function rendered(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const pseudo: Record<string, string> = { 'AWS::URLSuffix': 'amazonaws.com', 'AWS::Region': fixture.env.region };
  const { Ref: ref, 'Fn::Join': join } = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (ref && pseudo[ref]) return pseudo[ref];
  if (join) return join[1].map(rendered).join(join[0]);
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

describe('without a built web app', () => {
  it('says to run npm run build:web', () => {
    const missing = path.join(tmpdir(), `portal-no-build-${process.pid}`);
    expect(() => webIn(missing)).toThrow(/npm run build:web/);
  });
});

describe('the client-side route fallback', () => {
  let siteDir: string;
  let fallback: (event: { request: { uri: string } }) => { uri: string };

  beforeAll(() => {
    siteDir = mkdtempSync(path.join(tmpdir(), 'portal-site-'));
    writeFileSync(path.join(siteDir, 'index.html'), '<!doctype html>');
    const web = webIn(siteDir);
    const resources = resourcesOf(Template.fromStack(Stack.of(web)));
    // The site's function; the API's own sets the viewer address (rate-limit.test.ts).
    const [, site] = ofType(resources, 'AWS::CloudFront::Function').find(([id]) => id.startsWith('WebSpaFallback'))!;
    const code = props(site).FunctionCode;
    if (typeof code !== 'string') throw new Error('the fallback has no inline code');
    // The code CloudFront would run, evaluated as it is in the template.
    fallback = new Function(`${code}; return handler;`)() as typeof fallback;
  });

  afterAll(() => {
    if (siteDir) rmSync(siteDir, { recursive: true, force: true });
  });

  it.each(['/', '/officer/queue', '/permit/apply/step-2', '/houses/H123/tenants'])('serves index.html for %s', (uri) => {
    expect(fallback({ request: { uri } }).uri).toBe('/index.html');
  });

  it.each(['/index.html', '/config.json', '/assets/index-abc123.js', '/favicon.ico', '/locales/zh-CN/common.json'])(
    'leaves the file %s alone',
    (uri) => {
      expect(fallback({ request: { uri } }).uri).toBe(uri);
    },
  );
});

describe('the security headers at the edge', () => {
  let siteDir: string;
  let resources: Resources;
  let distribution: Props;

  beforeAll(() => {
    siteDir = mkdtempSync(path.join(tmpdir(), 'portal-site-'));
    writeFileSync(path.join(siteDir, 'index.html'), '<!doctype html>');
    resources = resourcesOf(Template.fromStack(Stack.of(webIn(siteDir))));
    distribution = props(onlyOfType(resources, 'AWS::CloudFront::Distribution')[1]).DistributionConfig as Props;
  });

  afterAll(() => {
    if (siteDir) rmSync(siteDir, { recursive: true, force: true });
  });

  const behaviour = (pattern: string) => (distribution.CacheBehaviors as Props[]).find((b) => b.PathPattern === pattern);
  /** The response-headers policy a behaviour names, with its values as CloudFront sends them. */
  function headersOf(b: Props | undefined) {
    const [policyId] = [...referencedIds(b?.ResponseHeadersPolicyId)];
    const policy = props(resources[policyId ?? '']!).ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      CustomHeadersConfig: { Items: { Header: string; Value: string; Override: boolean }[] };
    };
    const security = policy.SecurityHeadersConfig;
    const headers: Record<string, unknown> = {
      'content-security-policy': rendered(security.ContentSecurityPolicy!.ContentSecurityPolicy),
      'x-frame-options': security.FrameOptions!.FrameOption,
      'x-content-type-options': security.ContentTypeOptions ? 'nosniff' : undefined,
      'referrer-policy': security.ReferrerPolicy!.ReferrerPolicy,
      ...Object.fromEntries(policy.CustomHeadersConfig.Items.map((item) => [item.Header.toLowerCase(), item.Value])),
    };
    return {
      policyId,
      headers,
      overridden: [...Object.values(security), ...policy.CustomHeadersConfig.Items].every((header) => header.Override === true),
      hsts: security.StrictTransportSecurity,
    };
  }

  // The uploads bucket's presigned URLs and the identity provider, as the stack derives them in this region.
  const external = { images: ['https://*.s3.ap-northeast-1.amazonaws.com'], connect: ['https://*.s3.ap-northeast-1.amazonaws.com', IDENTITY_ENDPOINT] };

  it('sends the shared header set on every page and API answer, over what an origin sent, with HSTS', () => {
    const pages = headersOf(distribution.DefaultCacheBehavior as Props);
    expect(pages.headers).toEqual(securityHeaders({ camera: false, external }));
    expect(pages.overridden).toBe(true);
    expect(pages.hsts).toEqual({ AccessControlMaxAgeSec: 2 * 365 * 24 * 3600, IncludeSubdomains: true, Override: true });
    expect(headersOf(behaviour('/api/*')).policyId).toBe(pages.policyId);
  });

  it('allows no inline or foreign script, no framing, no plugins, and images and requests only where the app needs them', () => {
    const csp = String(headersOf(distribution.DefaultCacheBehavior as Props).headers['content-security-policy']);
    const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://*.s3.ap-northeast-1.amazonaws.com']);
    expect(directives.get('connect-src')).toEqual(["'self'", 'https://*.s3.ap-northeast-1.amazonaws.com', IDENTITY_ENDPOINT]);
  });

  it('lets only the /verify pages use the camera, served like every other page', () => {
    const verify = behaviour(CAMERA_PAGES);
    expect(CAMERA_PAGES).toBe('/verify*');
    expect(headersOf(verify).headers).toEqual(securityHeaders({ camera: true, external }));
    expect(headersOf(verify).headers['permissions-policy']).toMatch(/^camera=\(self\),/);
    expect(headersOf(distribution.DefaultCacheBehavior as Props).headers['permissions-policy']).toMatch(/^camera=\(\),/);
    const { TargetOriginId, FunctionAssociations, ViewerProtocolPolicy, CachePolicyId } = distribution.DefaultCacheBehavior as Props;
    expect(verify).toMatchObject({ TargetOriginId, FunctionAssociations, ViewerProtocolPolicy, CachePolicyId });
  });
});

describe('the whole stack with the security headers', () => {
  let portal: Synthesized;

  beforeAll(() => {
    // Template.fromStack refuses a template with a dependency cycle, which naming the uploads
    // bucket in the distribution's policies would make (the bucket's CORS rule names the distribution).
    portal = synthesizePortal('WebHeaders');
  });

  afterAll(() => {
    portal?.dispose();
  });

  it("allows the uploads of the stack's region and the sign-in calls to its user pools' endpoint", () => {
    const policies = ofType(portal.resources, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(2);
    const uploads = 'https://*.s3.ap-northeast-1.amazonaws.com';
    const expected = securityHeaders({ camera: false, external: { images: [uploads], connect: [uploads, IDENTITY_ENDPOINT] } });
    for (const [, policy] of policies) {
      const security = (props(policy).ResponseHeadersPolicyConfig as { SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } } })
        .SecurityHeadersConfig;
      expect(rendered(security.ContentSecurityPolicy.ContentSecurityPolicy)).toBe(expected['content-security-policy']);
    }
  });
});

/** The Web construct alone: the client-side route fallback and the missing-build message. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Web, type WebProps } from '#infra/stack/web';
import { onlyOfType, props, resourcesOf, fixture } from './cfn.ts';

const config: WebProps['config'] = { authMode: 'cognito', region: 'ap-northeast-1', userPoolId: 'pool', clientId: 'client' };
const webIn = (siteDir: string) =>
  new Web(new Stack(new App(), 'WebTest', { env: fixture.env }), 'Web', { siteDir, apiDomainName: 'api.example.com', config });

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
    const code = props(onlyOfType(resources, 'AWS::CloudFront::Function')[1]).FunctionCode;
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

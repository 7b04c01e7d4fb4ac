/** The CDK app: `npx cdk synth` / `npx cdk deploy` run this (see cdk.json and infra/README.md). */
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { RATE_LIMIT_DEFAULTS } from '#shared/api/rate-limits';
import { PortalStack } from './stack/portal-stack.ts';
import { repoRoot } from './stack/repo-root.ts';

const app = new App();
new PortalStack(app, 'MigrantServicePortal', {
  description: 'Service portal for the floating population: web app, API, identity, data',
  // Environment-agnostic unless the CLI knows the target account and region.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  siteDir: path.join(repoRoot, 'web', 'dist'),
  // Requests one client may make to the public routes per window, by group: change them here for
  // a deployment (e.g. `verify: { requests: 120, windowSeconds: 60 }`); the functions get them as
  // RATE_LIMIT_VERIFY and RATE_LIMIT_REFERENCE, and the local product reads the same variables.
  rateLimits: RATE_LIMIT_DEFAULTS,
});
app.synth();

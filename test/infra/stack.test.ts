/**
 * Assertions on the synthesized portal stack. It is synthesized once (with real esbuild bundles of
 * every handler) and each property the deployment relies on is checked against infra/routes.ts,
 * infra/table.ts and shared/identity/roles.ts rather than against copies of them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledJobs } from '#infra/jobs';
import { cloudRoutes, routes } from '#infra/routes';
import { WORKER_HEAP_FLAGS } from '#infra/stack/imports';
import { PortalStack } from '#infra/stack/portal-stack';
import { tableDesign } from '#infra/table';
import { CLAIM, ROLES } from '#shared/identity/roles';
import {
  environmentOf,
  functionOfRoute,
  ofType,
  onlyOfType,
  props,
  referencedIds,
  refersTo,
  resourcesOf,
  statementsOfFunction,
  fixture,
  type CfnResource,
  type PolicyStatement,
  type Resources,
} from './cfn.ts';
import { expectedFunctions, expectGrantsOfFunction, functionServing, routeKeyOf, routesByFunction } from './grants.ts';

let siteDir: string;
let template: Template;
let resources: Resources;

/** The portal's own functions: every one carries the Powertools service name. */
const portalFunctions = () =>
  ofType(resources, 'AWS::Lambda::Function').filter(([, fn]) => environmentOf(fn).POWERTOOLS_SERVICE_NAME === 'portal');

const idOf = (type: string) => onlyOfType(resources, type)[0];

/** The import worker, as the stack names it in its outputs. */
const importWorkerId = () => {
  const outputs = (template.toJSON() as { Outputs: Record<string, { Value: unknown }> }).Outputs;
  return (outputs.ImportWorkerFunctionName?.Value as { Ref?: string } | undefined)?.Ref ?? '';
};

/** The blob store's bucket, as the stack names it in its outputs. */
const uploadsBucketId = () => {
  const outputs = (template.toJSON() as { Outputs: Record<string, { Value: unknown }> }).Outputs;
  const id = (outputs.UploadsBucketName?.Value as { Ref?: string } | undefined)?.Ref;
  if (!id || resources[id]?.Type !== 'AWS::S3::Bucket') throw new Error('UploadsBucketName does not name a bucket');
  return id;
};

// Template.fromStack also fails on a dependency cycle (e.g. the trigger's grant naming the pool
// in the function's own policy), so every test below runs on a deployable template.
beforeAll(() => {
  siteDir = mkdtempSync(path.join(tmpdir(), 'portal-site-'));
  writeFileSync(path.join(siteDir, 'index.html'), '<!doctype html><title>portal</title>');
  mkdirSync(path.join(siteDir, 'assets'));
  writeFileSync(path.join(siteDir, 'assets', 'index-abc123.js'), 'export {};');

  const stack = new PortalStack(new App(), 'PortalTest', { env: fixture.env, siteDir });
  template = Template.fromStack(stack);
  resources = resourcesOf(template);
});

afterAll(() => {
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

describe('the template as a whole', () => {
  it('outputs the site URL, API URL, user pool, client and table', () => {
    for (const name of ['SiteUrl', 'ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName']) template.hasOutput(name, {});
    template.hasOutput('UserPoolId', { Value: { Ref: idOf('AWS::Cognito::UserPool') } });
    template.hasOutput('UserPoolClientId', { Value: { Ref: idOf('AWS::Cognito::UserPoolClient') } });
    template.hasOutput('TableName', { Value: { Ref: idOf('AWS::DynamoDB::GlobalTable') } });
    template.hasOutput('SiteUrl', {
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [idOf('AWS::CloudFront::Distribution'), 'DomainName'] }]] },
    });
  });
});

describe('data', () => {
  it('builds the table from tableDesign: keys, TTL and the three indexes with every attribute projected', () => {
    const keySchema = (hash: string, range: string) => [
      { AttributeName: hash, KeyType: 'HASH' },
      { AttributeName: range, KeyType: 'RANGE' },
    ];
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: keySchema(tableDesign.partitionKey, tableDesign.sortKey),
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
      GlobalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
    });
    const indexes = props(onlyOfType(resources, 'AWS::DynamoDB::GlobalTable')[1]).GlobalSecondaryIndexes as { IndexName: string }[];
    expect(indexes.map((index) => index.IndexName)).toEqual(['gsi1', 'gsi2', 'gsi3']);
  });

  it('is on demand, encrypted with the AWS-managed KMS key, recoverable and protected from deletion', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
    const sse = props(onlyOfType(resources, 'AWS::DynamoDB::GlobalTable')[1]).SSESpecification as Record<string, unknown>;
    // No customer key: the AWS-managed key (aws/dynamodb) is the choice, not an accident.
    expect(sse).not.toHaveProperty('KMSMasterKeyId');
    expect(JSON.stringify(props(onlyOfType(resources, 'AWS::DynamoDB::GlobalTable')[1]).Replicas)).not.toContain('KMSMasterKeyId');
  });

  it('keeps the table and the identifier-hashing key when the stack is deleted', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) }),
    });
  });
});

describe('functions', () => {
  // Besides the routes: the Cognito trigger, the API-key authorizer, the import worker and the jobs.
  const otherFunctions = 3 + scheduledJobs.length;
  const routeFunctionIds = () => new Set(routesByFunction(resources, cloudRoutes).keys());

  it('has one function per feature and per isolated route, plus the Cognito trigger, the key authorizer, the import worker and one per scheduled job', () => {
    const features = new Set(cloudRoutes.filter((route) => !route.isolated).map((route) => route.handler.split('/')[1]));
    const isolated = cloudRoutes.filter((route) => route.isolated);
    expect(routeFunctionIds().size).toBe(features.size + isolated.length);
    expect(portalFunctions()).toHaveLength(features.size + isolated.length + otherFunctions);
    const node24 = ofType(resources, 'AWS::Lambda::Function').filter(([, fn]) => props(fn).Runtime === 'nodejs24.x');
    expect(node24).toHaveLength(portalFunctions().length);
  });

  it('serves the routes of each feature folder with one function', () => {
    for (const [name, served] of expectedFunctions(cloudRoutes)) expect(functionServing(resources, served), name).toBeTruthy();
  });

  it('keeps each isolated route alone in its function', () => {
    const isolated = cloudRoutes.filter((route) => route.isolated);
    expect(isolated.map((route) => route.id).sort()).toEqual(['CreateOrganisationUser', 'VerifyPermit']);
    const byFunction = routesByFunction(resources, cloudRoutes);
    for (const route of isolated) expect(byFunction.get(functionServing(resources, [route]))?.map((r) => r.id), route.id).toEqual([route.id]);
  });

  it('gives the key authorizer, the import worker, the Cognito trigger and each job a function of its own, serving no route', () => {
    const outputs = (template.toJSON() as { Outputs: Record<string, { Value: { Ref?: string } }> }).Outputs;
    const others = [importWorkerId(), outputs.DailySweepFunctionName?.Value.Ref, outputs.ReferralSweepFunctionName?.Value.Ref];
    const [authorizerId] = ofType(resources, 'AWS::ApiGatewayV2::Authorizer').find(([, a]) => props(a).AuthorizerType === 'REQUEST') ?? [];
    const authorizerFunction = [...referencedIds(props(resources[authorizerId ?? '']!).AuthorizerUri)].find((id) => resources[id]?.Type === 'AWS::Lambda::Function');
    const [, pool] = onlyOfType(resources, 'AWS::Cognito::UserPool');
    const trigger = [...referencedIds(props(pool).LambdaConfig)][0];
    const all = [...others, authorizerFunction, trigger];
    expect(all.every((id) => id && resources[id]?.Type === 'AWS::Lambda::Function'), JSON.stringify(all)).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(routeFunctionIds().has(id!), id).toBe(false);
  });

  it('never lets the public verification function sign', () => {
    const verify = cloudRoutes.find((route) => route.id === 'VerifyPermit')!;
    const [, fn] = functionOfRoute(resources, routeKeyOf(verify));
    expect(statementsOfFunction(resources, fn).flatMap((s) => [s.Action].flat())).not.toContain('kms:Sign');
  });

  it('gives each route function one integration and one invoke permission, for this API only', () => {
    const [apiId] = onlyOfType(resources, 'AWS::ApiGatewayV2::Api');
    const integrations = ofType(resources, 'AWS::ApiGatewayV2::Integration');
    for (const id of routeFunctionIds()) {
      expect(integrations.filter(([, integration]) => refersTo(props(integration).IntegrationUri, id)), id).toHaveLength(1);
      const permissions = ofType(resources, 'AWS::Lambda::Permission').filter(([, permission]) => refersTo(props(permission).FunctionName, id));
      expect(permissions, id).toHaveLength(1);
      expect(props(permissions[0]![1]).Principal, id).toBe('apigateway.amazonaws.com');
      expect(refersTo(props(permissions[0]![1]).SourceArn, apiId), id).toBe(true);
    }
    expect(integrations).toHaveLength(routeFunctionIds().size);
  });

  it('runs every function on Node.js 24, arm64, 512 MB (the import worker 1024 MB with a bounded heap), traced, with the shared environment and no source maps at run time', () => {
    const worker = importWorkerId();
    for (const [id, fn] of portalFunctions()) {
      expect(props(fn), id).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: id === worker ? 1024 : 512,
        TracingConfig: { Mode: 'Active' },
      });
      expect(environmentOf(fn), id).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'portal', POWERTOOLS_LOG_LEVEL: 'INFO' });
      expect(environmentOf(fn).NODE_OPTIONS, id).toBe(id === worker ? WORKER_HEAP_FLAGS : undefined);
    }
  });

  it('gives each route function a 10 s timeout and the table name', () => {
    const [tableId] = onlyOfType(resources, 'AWS::DynamoDB::GlobalTable');
    for (const route of cloudRoutes) {
      const [, fn] = functionOfRoute(resources, routeKeyOf(route));
      expect(props(fn).Timeout, route.id).toBe(10);
      expect(environmentOf(fn).TABLE_NAME, route.id).toEqual({ Ref: tableId });
    }
  });

  it('writes every function log to its own log group kept for a year', () => {
    for (const [id, fn] of portalFunctions()) {
      const logGroupId = (props(fn).LoggingConfig as { LogGroup: { Ref: string } } | undefined)?.LogGroup.Ref;
      expect(logGroupId, id).toBeDefined();
      const logGroup = resources[logGroupId ?? ''];
      expect(logGroup?.Type, id).toBe('AWS::Logs::LogGroup');
      expect(props(logGroup as CfnResource).RetentionInDays, id).toBe(365);
    }
  });

  it.each(expectedFunctions(cloudRoutes))('the function of %s gets exactly the access its routes declare together', (_, served) => {
    expectGrantsOfFunction(resources, functionServing(resources, served), served, uploadsBucketId());
  });

  it('includes a read-only route and a no-table route, so the grant checks above are not vacuous', () => {
    expect(cloudRoutes.map((route) => route.table)).toEqual(expect.arrayContaining(['read', 'none']));
  });

  it('includes routes that presign reads and routes that presign writes', () => {
    expect(cloudRoutes.map((route) => route.blobs)).toEqual(expect.arrayContaining(['read', 'write']));
  });

  it('lets no function but those of routes with blobs name or reach the uploads bucket', () => {
    const bucketId = uploadsBucketId();
    const blobFunctions = new Set(cloudRoutes.filter((route) => route.blobs).map((route) => functionOfRoute(resources, routeKeyOf(route))[0]));
    expect(blobFunctions.size).toBeGreaterThan(0);
    // And the import worker, which reads the organisations' sheets (test/infra/agency.test.ts checks how far).
    blobFunctions.add(importWorkerId());
    // CDK's own handler that sets the bucket's notifications (to the import queue) may do that and nothing else.
    const [notifierId, notifier] = ofType(resources, 'AWS::Lambda::Function').find(([id]) => id.startsWith('BucketNotificationsHandler')) ?? [];
    expect(statementsOfFunction(resources, notifier as CfnResource).map((s) => s.Action)).toEqual(['s3:PutBucketNotification']);
    blobFunctions.add(notifierId ?? '');
    for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function')) {
      const reaches = refersTo(environmentOf(fn), bucketId) || statementsOfFunction(resources, fn).some((s) => refersTo(s.Resource, bucketId));
      expect(reaches, id).toBe(blobFunctions.has(id));
    }
    // Nor through the bucket's own policy: it only refuses (requests without TLS, writes that could overwrite).
    const [, policy] = ofType(resources, 'AWS::S3::BucketPolicy').find(([, p]) => refersTo(props(p).Bucket, bucketId)) ?? [];
    const statements = (props(policy as CfnResource).PolicyDocument as { Statement: PolicyStatement[] }).Statement;
    expect(new Set(statements.map((s) => s.Effect))).toEqual(new Set(['Deny']));
  });
});

describe('HTTP API', () => {
  it('has exactly one route per cloud route, with the contract method and path', () => {
    const keys = ofType(resources, 'AWS::ApiGatewayV2::Route').map(([, route]) => props(route).RouteKey);
    expect(keys.sort()).toEqual(cloudRoutes.map(routeKeyOf).sort());
  });

  it('has no local-only route and no function for one', () => {
    const local = routes.filter((route) => route.localOnly);
    expect(local.length).toBeGreaterThan(0);
    const descriptions = portalFunctions().map(([, fn]) => props(fn).Description);
    for (const route of local) {
      template.resourcePropertiesCountIs('AWS::ApiGatewayV2::Route', { RouteKey: routeKeyOf(route) }, 0);
      expect(descriptions).not.toContain(routeKeyOf(route));
    }
  });

  it('requires a Cognito JWT exactly on the routes that are not public and take no API key', () => {
    const [authorizerId] = ofType(resources, 'AWS::ApiGatewayV2::Authorizer').find(([, a]) => props(a).AuthorizerType === 'JWT') ?? [];
    for (const route of cloudRoutes.filter((r) => !r.apiKey)) {
      const expected =
        route.contract.access === 'public'
          ? { RouteKey: routeKeyOf(route), AuthorizationType: 'NONE', AuthorizerId: Match.absent() }
          : { RouteKey: routeKeyOf(route), AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } };
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', expected);
    }
    expect(cloudRoutes.some((route) => route.contract.access === 'public')).toBe(true);
    expect(cloudRoutes.some((route) => route.contract.access !== 'public')).toBe(true);
  });

  it('accepts only ID tokens of this pool issued to the web client', () => {
    const poolId = idOf('AWS::Cognito::UserPool');
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: idOf('AWS::Cognito::UserPoolClient') }],
        Issuer: {
          'Fn::Join': ['', [`https://cognito-idp.${fixture.env.region}.`, { Ref: 'AWS::URLSuffix' }, '/', { Ref: poolId }]],
        },
      },
    });
  });

  it('uses payload format 2.0 Lambda proxy integrations', () => {
    for (const [, integration] of ofType(resources, 'AWS::ApiGatewayV2::Integration')) {
      expect(props(integration)).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    }
  });

  it('deploys automatically to a throttled default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });
});

describe('identity', () => {
  it('has one group per role', () => {
    const groups = ofType(resources, 'AWS::Cognito::UserPoolGroup').map(([, group]) => props(group).GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
  });

  it('lets tokens carry station and org as mutable string attributes', () => {
    const schema = props(onlyOfType(resources, 'AWS::Cognito::UserPool')[1]).Schema as Record<string, unknown>[];
    for (const claim of [CLAIM.station, CLAIM.org]) {
      // Cognito names a custom attribute `custom:<name>` in tokens and in the API.
      const name = claim.replace(/^custom:/, '');
      expect(schema, claim).toContainEqual(expect.objectContaining({ Name: name, AttributeDataType: 'String', Mutable: true }));
    }
  });

  it('does not let users write their own station or org', () => {
    const client = props(onlyOfType(resources, 'AWS::Cognito::UserPoolClient')[1]);
    expect(client.WriteAttributes).toBeDefined();
    expect(client.WriteAttributes).not.toContain(CLAIM.station);
    expect(client.WriteAttributes).not.toContain(CLAIM.org);
  });

  it('signs in with a username or phone, by SMS code or password, on the Essentials plan', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AliasAttributes: ['phone_number'],
      AutoVerifiedAttributes: ['phone_number'],
      UsernameConfiguration: { CaseSensitive: false },
      Policies: Match.objectLike({ SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'SMS_OTP'] } }),
      UserPoolTier: 'ESSENTIALS',
      SmsConfiguration: Match.objectLike({ SnsCallerArn: Match.anyValue() }),
    });
  });

  it('lets residents sign themselves up and recover by phone', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: false }),
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_phone_number', Priority: 1 }] },
    });
  });

  it('keeps the user pool: deletion protection and Retain', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });

  it('gives the web app a public client with choice-based and password sign-in and 1-hour ID tokens', () => {
    expect(props(onlyOfType(resources, 'AWS::Cognito::UserPoolClient')[1])).toMatchObject({
      GenerateSecret: false,
      ExplicitAuthFlows: expect.arrayContaining(['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      IdTokenValidity: 60,
      TokenValidityUnits: expect.objectContaining({ IdToken: 'minutes' }),
    });
  });

  it('runs the post-confirmation trigger, which may add users to groups of this pool only', () => {
    const [poolId, pool] = onlyOfType(resources, 'AWS::Cognito::UserPool');
    const triggerId = [...Object.values((props(pool).LambdaConfig as Record<string, unknown>) ?? {})]
      .map((value) => (value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0])
      .at(0);
    const trigger = resources[triggerId ?? ''];
    expect(trigger?.Type).toBe('AWS::Lambda::Function');
    expect(props(pool).LambdaConfig).toEqual({ PostConfirmation: { 'Fn::GetAtt': [triggerId, 'Arn'] } });

    const statements: PolicyStatement[] = statementsOfFunction(resources, trigger as CfnResource);
    const grant = statements.find((s) => [s.Action].flat().includes('cognito-idp:AdminAddUserToGroup'));
    expect(grant?.Resource).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [triggerId, 'Arn'] },
    });
  });
});

describe('buckets', () => {
  const buckets = () => ofType(resources, 'AWS::S3::Bucket');

  it('blocks public access and encrypts every bucket', () => {
    expect(buckets()).toHaveLength(2);
    for (const [id, bucket] of buckets()) {
      expect(props(bucket), id).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      });
    }
  });

  it('denies every request to every bucket that is not over TLS', () => {
    for (const [id] of buckets()) {
      const policy = ofType(resources, 'AWS::S3::BucketPolicy').find(([, p]) => refersTo(props(p).Bucket, id));
      expect(policy, id).toBeDefined();
      const statements = (props(policy?.[1] as CfnResource).PolicyDocument as { Statement: PolicyStatement[] }).Statement;
      expect(statements, id).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('refuses every PUT to the uploads bucket that could replace a stored file (no If-None-Match)', () => {
    const bucketId = uploadsBucketId();
    const [, policy] = ofType(resources, 'AWS::S3::BucketPolicy').find(([, p]) => refersTo(props(p).Bucket, bucketId)) ?? [];
    const statements = (props(policy as CfnResource).PolicyDocument as { Statement: PolicyStatement[] }).Statement;
    const writeOnce = statements.find((s) => s.Condition !== undefined && JSON.stringify(s.Condition).includes('s3:if-none-match'));
    expect(writeOnce).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Condition: { Null: { 's3:if-none-match': 'true' } },
    });
    // Every object of the bucket: no key is exempt.
    expect(writeOnce?.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] });
  });

  it('keeps uploads versioned and retained, writable from the site origin only', () => {
    const distributionId = idOf('AWS::CloudFront::Distribution');
    expect(resources[uploadsBucketId()]).toMatchObject({ DeletionPolicy: 'Retain' });
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        CorsConfiguration: {
          CorsRules: [
            Match.objectLike({
              AllowedMethods: ['PUT'],
              AllowedOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }],
            }),
          ],
        },
      }),
    });
  });

  it('lets the site send the headers a presigned PUT needs; reads are navigations and need no rule', () => {
    const rules = (props(resources[uploadsBucketId()] as CfnResource).CorsConfiguration as { CorsRules: Record<string, unknown>[] }).CorsRules;
    expect(rules).toHaveLength(1);
    const headers = ((rules[0]?.AllowedHeaders ?? []) as string[]).map((h) => h.toLowerCase());
    // Content-Type and If-None-Match are covered by the signature; Content-Length is set by the browser and needs no permission.
    expect(headers.includes('*') || (headers.includes('content-type') && headers.includes('if-none-match')), JSON.stringify(headers)).toBe(true);
    expect(rules[0]?.AllowedMethods).toEqual(['PUT']);
  });
});

describe('web', () => {
  const distribution = () => props(onlyOfType(resources, 'AWS::CloudFront::Distribution')[1]).DistributionConfig as Record<string, unknown>;

  it('serves the site bucket through Origin Access Control over HTTPS, index.html at the root', () => {
    const [siteBucketId] = ofType(resources, 'AWS::S3::Bucket').find(([, b]) => !props(b).CorsConfiguration) ?? [];
    const config = distribution();
    expect(config.DefaultRootObject).toBe('index.html');
    const origins = config.Origins as { Id: string; DomainName: unknown; OriginAccessControlId?: unknown }[];
    const s3Origin = origins.find((origin) => refersTo(origin.DomainName, siteBucketId ?? ''));
    expect(s3Origin?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [idOf('AWS::CloudFront::OriginAccessControl'), 'Id'] });
    expect(config.DefaultCacheBehavior).toMatchObject({ TargetOriginId: s3Origin?.Id, ViewerProtocolPolicy: 'redirect-to-https' });
  });

  it('answers client-side routes with the app shell without touching API errors', () => {
    // The site's function (the API's other one sets the viewer address: rate-limit.test.ts).
    const [fallbackId] = ofType(resources, 'AWS::CloudFront::Function').find(([id]) => id.startsWith('WebSpaFallback'))!;
    expect(distribution().DefaultCacheBehavior).toMatchObject({
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fallbackId, 'FunctionARN'] } }],
    });
    // Distribution-wide error pages would turn the API's 403 and 404 into index.html with 200.
    expect(distribution().CustomErrorResponses).toBeUndefined();
  });

  it('forwards /api/* to the HTTP API uncached, with every method and the caller headers', () => {
    const apiId = idOf('AWS::ApiGatewayV2::Api');
    const config = distribution();
    const behaviours = config.CacheBehaviors as Record<string, unknown>[];
    const api = behaviours.find((behaviour) => behaviour.PathPattern === '/api/*');
    expect(api).toMatchObject({
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
    });
    expect(['https-only', 'redirect-to-https']).toContain(api?.ViewerProtocolPolicy);
    const origin = (config.Origins as { Id: string; DomainName: unknown; CustomOriginConfig?: unknown }[]).find(
      (o) => o.Id === api?.TargetOriginId,
    );
    expect(refersTo(origin?.DomainName, apiId)).toBe(true);
    expect(origin?.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
  });

  it('deploys the build and a config.json naming this pool and client, then invalidates the cache', () => {
    const deployments = ofType(resources, 'Custom::CDKBucketDeployment').map(([, d]) => props(d));
    const pages = deployments.find((d) => d.DistributionPaths !== undefined);
    expect(pages).toMatchObject({
      DistributionId: { Ref: idOf('AWS::CloudFront::Distribution') },
      DistributionPaths: ['/*'],
    });
    const markers = JSON.stringify(pages?.SourceMarkers);
    expect(markers).toContain(JSON.stringify({ Ref: idOf('AWS::Cognito::UserPool') }));
    expect(markers).toContain(JSON.stringify({ Ref: idOf('AWS::Cognito::UserPoolClient') }));
  });
});

describe('alarms', () => {
  it('alarms on any error of any portal function and on any API 5xx within 5 minutes', () => {
    const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').map(([, alarm]) => props(alarm));
    // A function alone, or in a sum of up to ten (the route functions of one area).
    type MetricQuery = { Id: string; Expression?: string; MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown }; Period: number; Stat: string } };
    const errorsOf = (alarm: Record<string, unknown>) =>
      alarm.MetricName === 'Errors'
        ? [{ Namespace: alarm.Namespace, Dimensions: alarm.Dimensions, Period: alarm.Period, Stat: alarm.Statistic }]
        : ((alarm.Metrics ?? []) as MetricQuery[])
            .filter((q) => q.MetricStat?.Metric.MetricName === 'Errors')
            .map((q) => ({ Namespace: q.MetricStat!.Metric.Namespace, Dimensions: q.MetricStat!.Metric.Dimensions, Period: q.MetricStat!.Period, Stat: q.MetricStat!.Stat }));
    const errorAlarms = alarms.filter((alarm) => errorsOf(alarm).length > 0);
    for (const alarm of errorAlarms) {
      expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
      const metrics = errorsOf(alarm);
      expect(metrics.length).toBeLessThanOrEqual(10);
      if (metrics.length > 1 || alarm.Metrics) {
        const sums = (alarm.Metrics as MetricQuery[]).filter((q) => q.Expression);
        expect(sums).toEqual([expect.objectContaining({ Expression: `SUM([${(alarm.Metrics as MetricQuery[]).filter((q) => q.MetricStat).map((q) => q.Id).join(',')}])`, ReturnData: true })]);
      }
    }
    for (const [id] of portalFunctions()) {
      const watching = errorAlarms.flatMap(errorsOf).filter((m) => refersTo(m.Dimensions, id));
      expect(watching, id).toEqual([{ Namespace: 'AWS/Lambda', Dimensions: expect.anything(), Period: 300, Stat: 'Sum' }]);
    }
    expect(alarms.find((alarm) => alarm.MetricName === '5xx')).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      Threshold: 1,
      Period: 300,
    });
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: idOf('AWS::SNS::Topic') }]);
  });
});

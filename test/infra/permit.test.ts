/**
 * The permit's cloud resources in the synthesized portal stack: the QR signing key and who may use
 * it how, and the daily job with its schedule, retries, dead letters and least privilege. Bundling
 * is skipped here (the stack test bundles every handler already); the template is the same.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudRoutes } from '#infra/routes';
import { PortalStack } from '#infra/stack/portal-stack';
import {
  actionsOf,
  environmentOf,
  fixture,
  functionOfRoute,
  ofType,
  onlyOfType,
  props,
  refersTo,
  resourcesOf,
  statementsOfFunction,
  type CfnResource,
  type PolicyStatement,
  type Resources,
} from './cfn.ts';
import { routeKeyOf } from './grants.ts';

const STACK = 'PermitTest';

let siteDir: string;
let template: Template;
let resources: Resources;

beforeAll(() => {
  siteDir = mkdtempSync(path.join(tmpdir(), 'portal-site-'));
  writeFileSync(path.join(siteDir, 'index.html'), '<!doctype html><title>portal</title>');
  mkdirSync(path.join(siteDir, 'assets'));
  const app = new App({ context: { [BUNDLING_STACKS]: [] } });
  template = Template.fromStack(new PortalStack(app, STACK, { env: fixture.env, siteDir }));
  resources = resourcesOf(template);
});

afterAll(() => {
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

const keyId = () => onlyOfType(resources, 'AWS::KMS::Key')[0];
const keyArn = () => ({ 'Fn::GetAtt': [keyId(), 'Arn'] });
const kmsActions = (statements: PolicyStatement[]) => [...new Set(actionsOf(statements).filter((a) => a.startsWith('kms:')))].sort();

/** The job's function, as the stack names it in its outputs. */
function job(): [string, CfnResource] {
  const outputs = (template.toJSON() as { Outputs: Record<string, { Value: unknown }> }).Outputs;
  const id = (outputs.DailySweepFunctionName?.Value as { Ref?: string } | undefined)?.Ref;
  const fn = resources[id ?? ''];
  if (!id || fn?.Type !== 'AWS::Lambda::Function') throw new Error('DailySweepFunctionName does not name a function');
  return [id, fn];
}

describe('the QR signing key', () => {
  it('is an ECC P-256 signing key (ES256), kept when the stack is deleted, with an alias', () => {
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }),
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/${STACK}/permit-qr`, TargetKeyId: keyArn() });
    // An asymmetric key cannot rotate; CloudFormation refuses the setting.
    expect(props(onlyOfType(resources, 'AWS::KMS::Key')[1]).EnableKeyRotation).not.toBe(true);
  });

  it('is named in the outputs', () => {
    template.hasOutput('PermitKeyArn', { Value: keyArn() });
  });

  it('lets routes that sign sign and read the public key, verifying routes only read the public key', () => {
    const signing = cloudRoutes.filter((route) => route.permitKey === 'sign');
    const verifying = cloudRoutes.filter((route) => route.permitKey === 'verify');
    expect(signing.length).toBeGreaterThan(0);
    expect(verifying.length).toBeGreaterThan(0);
    for (const route of [...signing, ...verifying]) {
      const [, fn] = functionOfRoute(resources, routeKeyOf(route));
      const statements = statementsOfFunction(resources, fn);
      const expected = route.permitKey === 'sign' ? ['kms:GetPublicKey', 'kms:Sign'] : ['kms:GetPublicKey'];
      expect(kmsActions(statements), route.id).toEqual(expected);
      for (const statement of statements.filter((s) => kmsActions([s]).length > 0)) {
        expect(statement.Resource, route.id).toEqual(keyArn());
        expect(statement.Condition, route.id).toBeUndefined();
      }
      expect(environmentOf(fn), route.id).toMatchObject({ PERMIT_SIGNER: 'kms', PERMIT_KEY_ARN: keyArn() });
    }
  });

  it("tells the signing routes the site's address, where the QR's verification link points", () => {
    for (const route of cloudRoutes.filter((r) => r.permitKey === 'sign')) {
      const [, fn] = functionOfRoute(resources, routeKeyOf(route));
      expect(environmentOf(fn).SITE_ORIGIN, route.id).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^WebDistribution/), 'DomainName'] }]] });
    }
  });

  it('is out of reach of every other function', () => {
    const users = new Set(cloudRoutes.filter((route) => route.permitKey).map((route) => functionOfRoute(resources, routeKeyOf(route))[0]));
    for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function')) {
      if (users.has(id)) continue;
      const statements = statementsOfFunction(resources, fn);
      expect(kmsActions(statements), id).toEqual([]);
      expect(statements.some((s) => refersTo(s.Resource, keyId())), id).toBe(false);
      expect(environmentOf(fn), id).not.toHaveProperty('PERMIT_SIGNER');
      expect(environmentOf(fn), id).not.toHaveProperty('PERMIT_KEY_ARN');
    }
  });

  it('grants no function through the key policy', () => {
    const policy = props(onlyOfType(resources, 'AWS::KMS::Key')[1]).KeyPolicy as { Statement: PolicyStatement[] };
    const roles = ofType(resources, 'AWS::IAM::Role').map(([id]) => id);
    for (const statement of policy.Statement) for (const role of roles) expect(refersTo(statement.Principal, role), role).toBe(false);
  });
});

describe('the daily job', () => {
  it('runs the sweep handler on Node.js 24 with up to 15 minutes, the table and the keyed-hash key for its text messages', () => {
    const [, fn] = job();
    const [tableId] = onlyOfType(resources, 'AWS::DynamoDB::GlobalTable');
    const [secretId] = onlyOfType(resources, 'AWS::SecretsManager::Secret');
    expect(props(fn)).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler', Timeout: 900, MemorySize: 512 });
    expect(environmentOf(fn)).toEqual({
      POWERTOOLS_SERVICE_NAME: 'portal',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      NODE_OPTIONS: '--enable-source-maps',
      TABLE_NAME: { Ref: tableId },
      PII_KEY_SECRET_ARN: { Ref: secretId },
    });
  });

  it('may read and write the table and read the keyed-hash key, and nothing else', () => {
    const [, fn] = job();
    const [tableId] = onlyOfType(resources, 'AWS::DynamoDB::GlobalTable');
    const [secretId] = onlyOfType(resources, 'AWS::SecretsManager::Secret');
    const statements = statementsOfFunction(resources, fn);
    const actions = actionsOf(statements);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem']));
    expect(actions).toContain('secretsmanager:GetSecretValue');
    for (const action of actions) expect(action, action).toMatch(/^(dynamodb|secretsmanager|xray):/);
    expect(actions.some((a) => a.endsWith(':*') || a === '*')).toBe(false);
    for (const statement of statements) {
      const service = actionsOf([statement])[0]?.split(':')[0];
      if (service === 'dynamodb') expect(refersTo(statement.Resource, tableId)).toBe(true);
      if (service === 'secretsmanager') expect(refersTo(statement.Resource, secretId)).toBe(true);
    }
  });

  it('is invoked by EventBridge Scheduler at 01:00 every day, Shanghai time, without a date', () => {
    const [jobId] = job();
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 1 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
    });
    const [, schedule] = onlyOfType(resources, 'AWS::Scheduler::Schedule');
    const target = props(schedule).Target as Record<string, unknown>;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [jobId, 'Arn'] });
    expect(JSON.parse(target.Input as string)).toEqual({});
  });

  it('retries a failed delivery and keeps what still failed in an encrypted dead-letter queue', () => {
    const [, schedule] = onlyOfType(resources, 'AWS::Scheduler::Schedule');
    const [queueId, queue] = onlyOfType(resources, 'AWS::SQS::Queue');
    const target = props(schedule).Target as Record<string, unknown>;
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 });
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    expect(props(queue)).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  it('lets the scheduler only invoke the job and put dead letters', () => {
    const [jobId] = job();
    const [queueId] = onlyOfType(resources, 'AWS::SQS::Queue');
    const [, schedule] = onlyOfType(resources, 'AWS::Scheduler::Schedule');
    const [roleId] = [...new Set([...JSON.stringify((props(schedule).Target as Record<string, unknown>).RoleArn).matchAll(/"([A-Za-z0-9]+)","Arn"/g)].map((m) => m[1]!))];
    const role = resources[roleId ?? ''] as CfnResource;
    expect(role?.Type).toBe('AWS::IAM::Role');
    expect(JSON.stringify(props(role).AssumeRolePolicyDocument)).toContain('scheduler.amazonaws.com');
    const statements = statementsOfFunction(resources, { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': [roleId, 'Arn'] } } });
    expect([...new Set(actionsOf(statements))].sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    for (const statement of statements) {
      const [action] = actionsOf([statement]);
      expect(refersTo(statement.Resource, action === 'sqs:SendMessage' ? queueId : jobId), action).toBe(true);
    }
  });

  it('alarms on an error of the job and on a dead letter', () => {
    const [jobId] = job();
    const [queueId] = onlyOfType(resources, 'AWS::SQS::Queue');
    const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').map(([, alarm]) => props(alarm));
    expect(alarms.find((a) => a.MetricName === 'Errors' && refersTo(a.Dimensions, jobId))).toMatchObject({ Threshold: 1, Statistic: 'Sum' });
    expect(alarms.find((a) => refersTo(a.Dimensions, queueId))).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });
});

/**
 * The portal stack synthesized without bundling (the stack test bundles every handler already; the
 * template is the same), and the parts of a scheduled job in it — function, schedule, dead-letter
 * queue — with the checks every job must pass: its runtime and environment, least privilege, the
 * scheduler's retries and role, and its alarms.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { expect } from 'vitest';
import type { Route } from '#infra/routes';
import { PortalStack } from '#infra/stack/portal-stack';
import {
  actionsOf,
  environmentOf,
  fixture,
  ofType,
  onlyOfType,
  piiKeySecretId,
  props,
  refersTo,
  resourcesOf,
  statementsOfFunction,
  type CfnResource,
  type Resources,
} from './cfn.ts';

export interface Synthesized {
  template: Template;
  resources: Resources;
  /** Removes the site folder the stack was synthesized with. */
  dispose(): void;
}

/** `routes`: the API's routes, when a test adds to the route table's cloud routes. */
export function synthesizePortal(stackName: string, routes?: readonly Route[]): Synthesized {
  const siteDir = mkdtempSync(path.join(tmpdir(), 'portal-site-'));
  writeFileSync(path.join(siteDir, 'index.html'), '<!doctype html><title>portal</title>');
  mkdirSync(path.join(siteDir, 'assets'));
  const app = new App({ context: { [BUNDLING_STACKS]: [] } });
  const template = Template.fromStack(new PortalStack(app, stackName, { env: fixture.env, siteDir, ...(routes ? { routes } : {}) }));
  return { template, resources: resourcesOf(template), dispose: () => rmSync(siteDir, { recursive: true, force: true }) };
}

export interface JobParts {
  fnId: string;
  fn: CfnResource;
  schedule: CfnResource;
  target: Record<string, unknown>;
  queueId: string;
  queue: CfnResource;
}

/** The job whose function the stack names in the output `outputName`, with the schedule that invokes it and its dead-letter queue. */
export function jobOf({ template, resources }: Pick<Synthesized, 'template' | 'resources'>, outputName: string): JobParts {
  const outputs = (template.toJSON() as { Outputs: Record<string, { Value: unknown }> }).Outputs;
  const fnId = (outputs[outputName]?.Value as { Ref?: string } | undefined)?.Ref ?? '';
  const fn = resources[fnId];
  if (fn?.Type !== 'AWS::Lambda::Function') throw new Error(`${outputName} does not name a function`);
  const schedules = ofType(resources, 'AWS::Scheduler::Schedule').filter(([, s]) => refersTo((props(s).Target as Record<string, unknown>).Arn, fnId));
  if (schedules.length !== 1) throw new Error(`expected one schedule of ${outputName}, found ${schedules.length}`);
  const schedule = schedules[0]![1];
  const target = props(schedule).Target as Record<string, unknown>;
  const [queueId = ''] = [...new Set([...JSON.stringify(target.DeadLetterConfig).matchAll(/"([A-Za-z0-9]+)","Arn"/g)].map((m) => m[1]!))];
  const queue = resources[queueId];
  if (queue?.Type !== 'AWS::SQS::Queue') throw new Error(`the schedule of ${outputName} has no dead-letter queue`);
  return { fnId, fn, schedule, target, queueId, queue };
}

/** What every job is: Node.js 24 with up to 15 minutes, the table and the keyed-hash key (its text messages), and nothing else. */
export function expectJobFunction(resources: Resources, { fn }: JobParts) {
  const [tableId] = onlyOfType(resources, 'AWS::DynamoDB::GlobalTable');
  const secretId = piiKeySecretId(resources);
  expect(props(fn)).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler', Timeout: 900, MemorySize: 512 });
  expect(environmentOf(fn)).toEqual({
    POWERTOOLS_SERVICE_NAME: 'portal',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    TABLE_NAME: { Ref: tableId },
    PII_KEY_SECRET_ARN: { Ref: secretId },
  });
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
}

/**
 * The scheduler's side: invoked with `{}`, retried 3 times within `maxEventAgeSeconds`, then an
 * encrypted dead-letter queue; its role may only invoke the job and put dead letters; alarms on
 * the job's errors and on a dead letter.
 */
export function expectJobDelivery(resources: Resources, { fnId, schedule, target, queueId, queue }: JobParts, maxEventAgeSeconds: number) {
  expect(props(schedule)).toMatchObject({ FlexibleTimeWindow: { Mode: 'OFF' }, State: 'ENABLED' });
  expect(target.Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
  expect(JSON.parse(target.Input as string)).toEqual({});
  expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: maxEventAgeSeconds });
  expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
  expect(props(queue)).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });

  const [roleId] = [...new Set([...JSON.stringify(target.RoleArn).matchAll(/"([A-Za-z0-9]+)","Arn"/g)].map((m) => m[1]!))];
  const role = resources[roleId ?? ''] as CfnResource;
  expect(role?.Type).toBe('AWS::IAM::Role');
  expect(JSON.stringify(props(role).AssumeRolePolicyDocument)).toContain('scheduler.amazonaws.com');
  const statements = statementsOfFunction(resources, { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': [roleId, 'Arn'] } } });
  expect([...new Set(actionsOf(statements))].sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
  for (const statement of statements) {
    const [action] = actionsOf([statement]);
    expect(refersTo(statement.Resource, action === 'sqs:SendMessage' ? queueId : fnId), action).toBe(true);
  }

  const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').map(([, alarm]) => props(alarm));
  expect(alarms.find((a) => a.MetricName === 'Errors' && refersTo(a.Dimensions, fnId))).toMatchObject({ Threshold: 1, Statistic: 'Sum' });
  expect(alarms.find((a) => refersTo(a.Dimensions, queueId))).toMatchObject({
    Namespace: 'AWS/SQS',
    MetricName: 'ApproximateNumberOfMessagesVisible',
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  });
}

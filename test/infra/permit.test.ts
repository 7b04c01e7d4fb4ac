/**
 * The permit's cloud resources in the synthesized portal stack: the QR signing key and who may use
 * it how, and the daily job with its schedule, retries, dead letters and least privilege. Bundling
 * is skipped here (the stack test bundles every handler already); the template is the same.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudRoutes } from '#infra/routes';
import {
  actionsOf,
  environmentOf,
  functionOfRoute,
  ofType,
  onlyOfType,
  props,
  refersTo,
  statementsOfFunction,
  type PolicyStatement,
  type Resources,
} from './cfn.ts';
import { routeKeyOf } from './grants.ts';
import { expectJobDelivery, expectJobFunction, jobOf, synthesizePortal, type Synthesized } from './jobs.ts';

const STACK = 'PermitTest';

let synthesized: Synthesized;
let template: Template;
let resources: Resources;

beforeAll(() => {
  synthesized = synthesizePortal(STACK);
  ({ template, resources } = synthesized);
});

afterAll(() => {
  synthesized?.dispose();
});

const keyId = () => onlyOfType(resources, 'AWS::KMS::Key')[0];
const keyArn = () => ({ 'Fn::GetAtt': [keyId(), 'Arn'] });
const kmsActions = (statements: PolicyStatement[]) => [...new Set(actionsOf(statements).filter((a) => a.startsWith('kms:')))].sort();

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
  const job = () => jobOf(synthesized, 'DailySweepFunctionName');

  it('runs the sweep handler on Node.js 24 with up to 15 minutes, the table and the keyed-hash key for its text messages, and nothing else', () => {
    expectJobFunction(resources, job());
  });

  it('is invoked by EventBridge Scheduler at 01:00 every day, Shanghai time, without a date', () => {
    expect(props(job().schedule)).toMatchObject({ ScheduleExpression: 'cron(0 1 * * ? *)', ScheduleExpressionTimezone: 'Asia/Shanghai' });
  });

  it('retries a failed delivery within 2 hours, keeps what still failed in an encrypted dead-letter queue, and alarms', () => {
    expectJobDelivery(resources, job(), 7200);
  });
});

/**
 * Organisations' bulk uploads in the synthesized portal stack: the import queue (encrypted, dead
 * letters after five receives, alarmed), the uploads bucket's notification of `imports/` only, the
 * worker (partial batch responses, least privilege), the Lambda authorizer on exactly the routes
 * that take an API key, the user-directory grants, and the organisation routes' access as
 * declared. Bundling is skipped (the stack test bundles every handler); the template is the same.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKER_HEAP_FLAGS } from '#infra/stack/imports';
import { cloudRoutes } from '#infra/routes';
import { CLAIM } from '#shared/identity/roles';
import {
  actionsOf,
  environmentOf,
  functionOfRoute,
  ofType,
  onlyOfType,
  piiKeySecretId,
  props,
  referencedIds,
  refersTo,
  statementsOfFunction,
  type CfnResource,
  type PolicyStatement,
  type Resources,
} from './cfn.ts';
import { expectedFunctions, expectGrantsOfFunction, functionServing, routeKeyOf } from './grants.ts';
import { synthesizePortal, type Synthesized } from './jobs.ts';

let synthesized: Synthesized;
let template: Template;
let resources: Resources;

beforeAll(() => {
  synthesized = synthesizePortal('AgencyTest');
  ({ template, resources } = synthesized);
});

afterAll(() => {
  synthesized?.dispose();
});

const outputRef = (name: string) => {
  const outputs = (template.toJSON() as { Outputs: Record<string, { Value: unknown }> }).Outputs;
  return outputs[name]?.Value;
};
const uploadsBucketId = () => (outputRef('UploadsBucketName') as { Ref: string }).Ref;
const workerId = () => (outputRef('ImportWorkerFunctionName') as { Ref: string }).Ref;
const worker = () => resources[workerId()] as CfnResource;
/** The queue the uploads bucket notifies, as the stack names it in its outputs. */
const queueId = () => (outputRef('ImportQueueUrl') as { Ref: string }).Ref;
const deadLettersId = () => {
  const redrive = props(resources[queueId()] as CfnResource).RedrivePolicy as { deadLetterTargetArn: { 'Fn::GetAtt': [string, string] } };
  return redrive.deadLetterTargetArn['Fn::GetAtt'][0];
};
const tableId = () => onlyOfType(resources, 'AWS::DynamoDB::GlobalTable')[0];
const secretId = () => piiKeySecretId(resources);
const apiKeyRoutes = cloudRoutes.filter((route) => route.apiKey);

describe('the import queue', () => {
  it('is encrypted, TLS only, hides a message six times as long as the worker may run, and has dead letters after five receives', () => {
    expect(resources[queueId()]?.Type).toBe('AWS::SQS::Queue');
    expect(props(resources[queueId()] as CfnResource)).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 6 * (props(worker()).Timeout as number),
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [deadLettersId(), 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(props(resources[deadLettersId()] as CfnResource)).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    for (const id of [queueId(), deadLettersId()]) {
      const [, policy] = ofType(resources, 'AWS::SQS::QueuePolicy').find(([, p]) => refersTo(props(p).Queues, id)) ?? [];
      const statements = (props(policy as CfnResource).PolicyDocument as { Statement: PolicyStatement[] }).Statement;
      expect(statements, id).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    }
  });

  it('alarms on a dead letter', () => {
    const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').map(([, alarm]) => props(alarm));
    expect(alarms.find((a) => refersTo(a.Dimensions, deadLettersId()))).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('is notified by the uploads bucket of objects created under imports/, and of nothing else', () => {
    const [, notifications] = onlyOfType(resources, 'Custom::S3BucketNotifications');
    expect(props(notifications).BucketName).toEqual({ Ref: uploadsBucketId() });
    expect(props(notifications).NotificationConfiguration).toEqual({
      QueueConfigurations: [
        {
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'imports/' }] } },
          QueueArn: { 'Fn::GetAtt': [queueId(), 'Arn'] },
        },
      ],
    });
    // S3 may send to the queue only for this bucket.
    const [, policy] = ofType(resources, 'AWS::SQS::QueuePolicy').find(([, p]) => refersTo(props(p).Queues, queueId())) ?? [];
    const allow = (props(policy as CfnResource).PolicyDocument as { Statement: PolicyStatement[] }).Statement.filter((s) => s.Effect === 'Allow');
    expect(allow).toHaveLength(1);
    expect(allow[0]).toMatchObject({ Principal: { Service: 's3.amazonaws.com' }, Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [uploadsBucketId(), 'Arn'] } } } });
    expect([allow[0]!.Action].flat()).toContain('sqs:SendMessage');
  });
});

describe('the import worker', () => {
  it('runs the worker handler with 15 minutes and 1024 MB, and the settings of the table, the key, the uploads and its queue', () => {
    expect(props(worker())).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: 900, MemorySize: 1024 });
    expect(environmentOf(worker())).toEqual({
      POWERTOOLS_SERVICE_NAME: 'portal',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      NODE_OPTIONS: WORKER_HEAP_FLAGS,
      TABLE_NAME: { Ref: tableId() },
      PII_KEY_SECRET_ARN: { Ref: secretId() },
      BLOB_STORE: 's3',
      UPLOADS_BUCKET: { Ref: uploadsBucketId() },
      IMPORT_QUEUE: 'sqs',
      IMPORT_QUEUE_URL: { Ref: queueId() },
    });
  });

  it('takes one message at a time from the queue, reports the ones it failed (partial batch responses), at most five at once', () => {
    const [, mapping] = onlyOfType(resources, 'AWS::Lambda::EventSourceMapping');
    expect(props(mapping)).toEqual({
      BatchSize: 1,
      EventSourceArn: { 'Fn::GetAtt': [queueId(), 'Arn'] },
      FunctionName: { Ref: workerId() },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('may read the table and write it, read the key, read sheets under imports/ only, and use its own queue only', () => {
    const statements = statementsOfFunction(resources, worker());
    const actions = actionsOf(statements);
    expect(actions.some((a) => a === '*' || a.endsWith(':*'))).toBe(false);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem']));
    for (const action of actions) expect(action, action).toMatch(/^(dynamodb|secretsmanager|s3|sqs|xray):/);
    for (const statement of statements) {
      const [service] = actionsOf([statement])[0]!.split(':');
      if (service === 'dynamodb') expect(refersTo(statement.Resource, tableId())).toBe(true);
      if (service === 'secretsmanager') expect(statement.Resource).toEqual({ Ref: secretId() });
      if (service === 'sqs') expect(statement.Resource).toEqual({ 'Fn::GetAtt': [queueId(), 'Arn'] });
      if (service === 's3') {
        expect(actionsOf([statement])).toEqual(['s3:GetObject']);
        expect(statement.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [uploadsBucketId(), 'Arn'] }, '/imports/*']] });
      }
    }
    expect(actions.filter((a) => a.startsWith('s3:'))).toEqual(['s3:GetObject']);
    // Sends its own message again when it runs out of time; receives and deletes as the event source.
    expect(actions).toEqual(expect.arrayContaining(['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage']));
  });

  it('alarms on an error', () => {
    const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').map(([, alarm]) => props(alarm));
    expect(alarms.find((a) => a.MetricName === 'Errors' && refersTo(a.Dimensions, workerId()))).toMatchObject({ Threshold: 1, Statistic: 'Sum' });
  });

  it('is the only function besides the routes with importQueue that may send to the import queue', () => {
    const senders = new Set([workerId(), ...cloudRoutes.filter((r) => r.importQueue).map((r) => functionOfRoute(resources, routeKeyOf(r))[0])]);
    expect(senders.size).toBeGreaterThan(1);
    for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function')) {
      const statements = statementsOfFunction(resources, fn);
      const sends = statements.some((s) => actionsOf([s]).includes('sqs:SendMessage') && refersTo(s.Resource, queueId()));
      expect(sends, id).toBe(senders.has(id));
      if (!senders.has(id)) {
        expect(environmentOf(fn), id).not.toHaveProperty('IMPORT_QUEUE_URL');
        expect(statements.some((s) => refersTo(s.Resource, queueId())), id).toBe(false);
      }
    }
  });
});

describe('the routes an organisation may call with its API key', () => {
  const authorizerOf = (type: 'JWT' | 'REQUEST') => {
    const found = ofType(resources, 'AWS::ApiGatewayV2::Authorizer').filter(([, a]) => props(a).AuthorizerType === type);
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const keyAuthorizerFunctionId = () => [...referencedIds(props(authorizerOf('REQUEST')[1]).AuthorizerUri)][0]!;

  it('are the upload, status and people routes, and not the key routes themselves', () => {
    expect(apiKeyRoutes.map((r) => r.id).sort()).toEqual(
      ['CommitSheetUpload', 'CreateSheetUpload', 'GetSheetUpload', 'GetSheetUploadErrors', 'GetUploadTemplate', 'ListReportedPeople', 'ListSheetUploads'].sort(),
    );
    expect(apiKeyRoutes.every((r) => r.contract.access !== 'public' && r.contract.access.includes('agency'))).toBe(true);
  });

  it('have the Lambda authorizer, and exactly they: every other route keeps the JWT authorizer or none', () => {
    const [keyAuthorizerId] = authorizerOf('REQUEST');
    const [jwtAuthorizerId] = authorizerOf('JWT');
    for (const route of cloudRoutes) {
      const [, cfnRoute] = ofType(resources, 'AWS::ApiGatewayV2::Route').find(([, r]) => props(r).RouteKey === routeKeyOf(route))!;
      const expected =
        route.contract.access === 'public'
          ? { AuthorizationType: 'NONE' }
          : route.apiKey
            ? { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: keyAuthorizerId } }
            : { AuthorizationType: 'JWT', AuthorizerId: { Ref: jwtAuthorizerId } };
      expect(props(cfnRoute), route.id).toMatchObject(expected);
    }
  });

  it('is asked with simple responses, payload 2.0, no identity source a key caller would lack, and no caching', () => {
    expect(props(authorizerOf('REQUEST')[1])).toMatchObject({
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
      AuthorizerResultTtlInSeconds: 0,
      IdentitySource: [],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [keyAuthorizerFunctionId(), 'Arn'] },
    });
  });

  it("runs the authorizer handler with the pool's issuer and client, reading the table and recording a key's use in organisations' partitions only", () => {
    const fn = resources[keyAuthorizerFunctionId()] as CfnResource;
    const jwt = props(authorizerOf('JWT')[1]).JwtConfiguration as { Issuer: unknown; Audience: unknown[] };
    expect(environmentOf(fn)).toMatchObject({ TABLE_NAME: { Ref: tableId() }, ISSUER: jwt.Issuer, AUDIENCE: jwt.Audience[0] });
    expect(environmentOf(fn)).not.toHaveProperty('PII_KEY_SECRET_ARN');
    const statements = statementsOfFunction(resources, fn);
    const actions = actionsOf(statements);
    for (const action of actions) expect(action, action).toMatch(/^(dynamodb|xray):/);
    for (const write of ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) expect(actions).not.toContain(write);
    const update = statements.filter((s) => actionsOf([s]).includes('dynamodb:UpdateItem'));
    expect(update).toEqual([
      {
        Action: 'dynamodb:UpdateItem',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [tableId(), 'Arn'] },
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ORG#*'] } },
      },
    ]);
  });
});

describe('organisations and their users', () => {
  const organisationRoutes = cloudRoutes.filter((r) => r.handler.startsWith('functions/organisations/') || r.handler.startsWith('functions/agency/'));

  it.each(expectedFunctions(organisationRoutes))('the function of %s gets exactly the access its routes declare together', (_, served) => {
    expectGrantsOfFunction(resources, functionServing(resources, served), served, uploadsBucketId());
  });

  it('lets the routes that create users create them in this pool only, as Cognito users of the organisation', () => {
    const [poolId] = onlyOfType(resources, 'AWS::Cognito::UserPool');
    const creators = cloudRoutes.filter((r) => r.userDirectory);
    expect(creators.map((r) => r.id)).toEqual(['CreateOrganisationUser']);
    for (const route of creators) {
      const [, fn] = functionOfRoute(resources, routeKeyOf(route));
      expect(environmentOf(fn)).toMatchObject({ USER_DIRECTORY: 'cognito', USER_POOL_ID: { Ref: poolId } });
      const cognito = statementsOfFunction(resources, fn).filter((s) => actionsOf([s]).some((a) => a.startsWith('cognito-idp:')));
      for (const statement of cognito) expect(statement.Resource).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
    }
  });

  it("lets tokens carry the organisation's administrator mark, which users cannot write themselves", () => {
    const schema = props(onlyOfType(resources, 'AWS::Cognito::UserPool')[1]).Schema as Record<string, unknown>[];
    expect(schema).toContainEqual(expect.objectContaining({ Name: CLAIM.orgAdmin.replace(/^custom:/, ''), AttributeDataType: 'String', Mutable: true }));
    expect(props(onlyOfType(resources, 'AWS::Cognito::UserPoolClient')[1]).WriteAttributes).not.toContain(CLAIM.orgAdmin);
  });

  it('gives the sheet-upload route PUTs of imports/ only, never of proofs/', () => {
    const upload = cloudRoutes.find((r) => r.id === 'CreateSheetUpload')!;
    const [, fn] = functionOfRoute(resources, routeKeyOf(upload));
    const s3 = statementsOfFunction(resources, fn).filter((s) => actionsOf([s]).some((a) => a.startsWith('s3:')));
    expect(s3.map((s) => s.Resource)).toEqual([{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [uploadsBucketId(), 'Arn'] }, '/imports/*']] }]);
  });
});

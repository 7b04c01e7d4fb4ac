/**
 * One Lambda function and one HTTP API route per cloud route of infra/routes.ts. The JWT
 * authorizer only checks that a token is a valid ID token of this pool; handlers check roles.
 * Routes an organisation may also call with its API key (`apiKey`) have a Lambda authorizer
 * instead, which accepts the same ID tokens or a key.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Route } from '#infra/routes';
import { portalFunction } from './function.ts';
import { grantImportQueueSend, importQueueEnvironment } from './imports.ts';
import { grantPermitKey, permitKeyEnvironment } from './permits.ts';
import { blobPrefixOf, grantBlobAccess } from './uploads.ts';

/** What the routes that create an organisation's users may do in the user pool (the last undoes a user left half made). */
export const USER_DIRECTORY_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminDeleteUser',
] as const;

/**
 * Everything a route declares it may do, as a construct id: `TableRead`, `TableReadWrite-PiiKey`,
 * `TableReadWrite-BlobsWrite-imports`, … Routes with the same profile may do exactly the same.
 */
export function accessProfile(route: Route): string {
  const table = { none: 'NoTable', read: 'TableRead', readWrite: 'TableReadWrite' }[route.table];
  const blobs = route.blobs && `Blobs${route.blobs[0]!.toUpperCase()}${route.blobs.slice(1)}-${blobPrefixOf(route).replace(/\/$/, '')}`;
  const permitKey = route.permitKey && `PermitKey${route.permitKey[0]!.toUpperCase()}${route.permitKey.slice(1)}`;
  return [table, route.usesPiiKey && 'PiiKey', blobs, permitKey, route.importQueue && 'ImportQueue', route.userDirectory && 'UserDirectory']
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('-');
}

export interface ApiProps {
  routes: readonly Route[];
  table: dynamodb.ITableV2;
  piiKey: secretsmanager.ISecret;
  /** The blob store of routes that declare `blobs`; no other function can reach it. */
  uploads: s3.IBucket;
  /** The key of the permit's QR tokens: routes that declare `permitKey` sign with it or read its public half. */
  permitKey: kms.IKey;
  /** Where routes with `importQueue` send an upload's check or commit. */
  importQueue: sqs.IQueue;
  /** Where routes with `userDirectory` create users. */
  userPool: cognito.IUserPool;
  /** The `iss` of accepted tokens and the app clients they must be issued to. */
  jwtIssuer: string;
  jwtAudience: string[];
  /** Requests per second across the API, steady and burst; protects the table and the bill. */
  throttle?: apigw.ThrottleSettings;
}

export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  /** Functions by route id. */
  readonly functions: ReadonlyMap<string, nodejs.NodejsFunction>;
  /** The Lambda authorizer of the routes with `apiKey` (an ID token or an organisation's API key). */
  readonly keyAuthorizer: nodejs.NodejsFunction;
  /** Host name of the execute-api endpoint, for CloudFront's origin. */
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Migrant service portal API',
      // The default stage is made below, where throttling can be set.
      createDefaultStage: false,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 500, burstLimit: 1000 },
    });
    const stack = Stack.of(this);
    this.domainName = `${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;

    const authorizer = new HttpJwtAuthorizer('CognitoAuthorizer', props.jwtIssuer, {
      jwtAudience: props.jwtAudience,
      identitySource: ['$request.header.Authorization'],
    });

    this.keyAuthorizer = portalFunction(this, 'KeyAuthorizerFunction', {
      entry: 'functions/agency/authorizer.ts',
      description: "Authorizer of the organisations' upload routes: a Cognito ID token or an organisation's API key",
      environment: { TABLE_NAME: props.table.tableName, ISSUER: props.jwtIssuer, AUDIENCE: props.jwtAudience.join(',') },
    });
    props.table.grantReadData(this.keyAuthorizer);
    // It records when a key was last used: an update of the organisations' partitions, nothing else.
    iam.Grant.addToPrincipal({
      grantee: this.keyAuthorizer,
      actions: ['dynamodb:UpdateItem'],
      resourceArns: [props.table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ORG#*'] } },
    });
    const keyAuthorizer = new HttpLambdaAuthorizer('KeyAuthorizer', this.keyAuthorizer, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      // No identity source: a key's caller sends no Authorization header, and a required source
      // would turn them away before the function runs. That also means no caching, which keeps a
      // revoked key from working a moment longer.
      identitySource: [],
      resultsCacheTtl: Duration.seconds(0),
    });

    // Routes that declare the same access share one execution role with exactly that access: no
    // function can do more than its route declares, and the stack stays within CloudFormation's
    // 500 resources (a role and a policy per route would not).
    const roles = new Map<string, iam.Role>();
    const roleOf = (route: Route): iam.Role => {
      const profile = accessProfile(route);
      const known = roles.get(profile);
      if (known) return known;
      const role = new iam.Role(this, `${profile}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Functions of the routes with access ${profile}`,
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
      });
      if (route.table === 'read') props.table.grantReadData(role);
      if (route.table === 'readWrite') props.table.grantReadWriteData(role);
      if (route.usesPiiKey) props.piiKey.grantRead(role);
      if (route.blobs) grantBlobAccess(props.uploads, role, route.blobs, blobPrefixOf(route));
      if (route.permitKey) grantPermitKey(props.permitKey, role, route.permitKey);
      if (route.importQueue) grantImportQueueSend(props.importQueue, role);
      if (route.userDirectory) {
        iam.Grant.addToPrincipal({ grantee: role, actions: [...USER_DIRECTORY_ACTIONS], resourceArns: [props.userPool.userPoolArn] });
      }
      roles.set(profile, role);
      return role;
    };

    const functions = new Map<string, nodejs.NodejsFunction>();
    for (const route of props.routes) {
      const { method, path, access } = route.contract;
      const fn = portalFunction(this, `${route.id}Function`, {
        entry: route.handler,
        description: `${method} ${path}`,
        role: roleOf(route),
        environment: {
          TABLE_NAME: props.table.tableName,
          ...(route.usesPiiKey ? { PII_KEY_SECRET_ARN: props.piiKey.secretArn } : {}),
          ...(route.blobs ? { BLOB_STORE: 's3', UPLOADS_BUCKET: props.uploads.bucketName } : {}),
          ...(route.permitKey ? permitKeyEnvironment(props.permitKey) : {}),
          ...(route.importQueue ? importQueueEnvironment(props.importQueue) : {}),
          ...(route.userDirectory ? { USER_DIRECTORY: 'cognito', USER_POOL_ID: props.userPool.userPoolId } : {}),
        },
      });

      new apigw.HttpRoute(this, `${route.id}Route`, {
        httpApi: this.httpApi,
        routeKey: apigw.HttpRouteKey.with(path, apigw.HttpMethod[method]),
        integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
        ...(access === 'public' ? {} : { authorizer: route.apiKey ? keyAuthorizer : authorizer }),
      });
      functions.set(route.id, fn);
    }
    this.functions = functions;
  }
}

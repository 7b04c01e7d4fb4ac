/**
 * The HTTP API and the functions behind it, built from the route table: one Lambda function per
 * feature (infra/functions.ts), which dispatches on the route key, and one per isolated route. Each
 * function has one integration, one invoke permission and its own execution role granting the
 * union of what its routes declare, so the stack grows by one resource (the route) per route. The
 * JWT authorizer only checks that a token is a valid ID token of this pool; handlers check roles.
 * Routes an organisation may also call with its API key (`apiKey`) have a Lambda authorizer
 * instead, which accepts the same ID tokens or a key.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { keyAuthorizer, routeFunctions, type RouteFunction } from '#infra/functions';
import type { Route } from '#infra/routes';
import { formatRateLimit, RATE_COUNTER_PREFIX, RATE_LIMIT_DEFAULTS, rateLimitVariable, type RateLimit, type RateLimitName } from '#shared/api/rate-limits';
import { routeKeyOf, type TableAccess } from '#shared/api/route';
import { portalFunction } from './function.ts';
import { grantImportQueueSend, importQueueEnvironment } from './imports.ts';
import { grantPermitKey, permitKeyEnvironment, type PermitKeyUse } from './permits.ts';
import { blobPrefixOf, grantBlobAccess, type BlobAccess } from './uploads.ts';

/** What the routes that create an organisation's users may do in the user pool (the last undoes a user left half made). */
export const USER_DIRECTORY_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminDeleteUser',
] as const;

/** What a function may do: the union of what its routes declare. */
interface FunctionAccess {
  table: TableAccess;
  usesPiiKey: boolean;
  /** The blob store, by key prefix. */
  blobs: ReadonlyMap<string, BlobAccess>;
  permitKey?: PermitKeyUse;
  importQueue: boolean;
  userDirectory: boolean;
  /** The limit groups of its public routes: it adds to their counters (and hashes the caller's address). */
  rateLimits: ReadonlySet<RateLimitName>;
}

const TABLE_ORDER: readonly TableAccess[] = ['none', 'read', 'readWrite'];

/** The union of the access `routes` declare. */
function accessOf(routes: readonly Route[]): FunctionAccess {
  const blobs = new Map<string, Set<'read' | 'write'>>();
  for (const route of routes) {
    if (!route.blobs) continue;
    const uses = blobs.get(blobPrefixOf(route)) ?? new Set();
    if (route.blobs !== 'write') uses.add('read');
    if (route.blobs !== 'read') uses.add('write');
    blobs.set(blobPrefixOf(route), uses);
  }
  const permitKeys = new Set(routes.map((route) => route.permitKey));
  return {
    table: TABLE_ORDER[Math.max(...routes.map((route) => TABLE_ORDER.indexOf(route.table)))] ?? 'none',
    // A rate-limited route hashes its caller's address with the same key.
    usesPiiKey: routes.some((route) => route.usesPiiKey || route.rateLimited),
    blobs: new Map([...blobs].map(([prefix, uses]) => [prefix, uses.size === 2 ? 'readWrite' : uses.has('read') ? 'read' : 'write'])),
    ...(permitKeys.has('sign') ? { permitKey: 'sign' as const } : permitKeys.has('verify') ? { permitKey: 'verify' as const } : {}),
    importQueue: routes.some((route) => route.importQueue),
    userDirectory: routes.some((route) => route.userDirectory),
    rateLimits: new Set(routes.flatMap((route) => (route.rateLimited ? [route.rateLimited] : []))),
  };
}

/** Invokes one function with payload format 2.0; its invoke permission is granted once, for the whole API, by the Api construct. */
class FunctionIntegration extends apigw.HttpRouteIntegration {
  constructor(
    id: string,
    private readonly fn: lambda.IFunction,
  ) {
    super(id);
  }

  bind(): apigw.HttpRouteIntegrationConfig {
    return { type: apigw.HttpIntegrationType.AWS_PROXY, uri: this.fn.functionArn, payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0 };
  }
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
  /** Per-client limits of the public routes, by group; the defaults of shared/api/rate-limits.ts where not given. */
  rateLimits?: Partial<Record<RateLimitName, RateLimit>>;
}

export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  /** The functions serving the routes, as infra/functions.ts plans them. */
  readonly plan: readonly RouteFunction[];
  /** Those functions by their id (`Residence`, `VerifyPermit`, …). */
  readonly functions: ReadonlyMap<string, lambda.Function>;
  /** The Lambda authorizer of the routes with `apiKey` (an ID token or an organisation's API key). */
  readonly keyAuthorizer: lambda.Function;
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
      entry: keyAuthorizer.entry,
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
    const keyAuthorizerOfRoutes = new HttpLambdaAuthorizer('KeyAuthorizer', this.keyAuthorizer, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      // No identity source: a key's caller sends no Authorization header, and a required source
      // would turn them away before the function runs. That also means no caching, which keeps a
      // revoked key from working a moment longer.
      identitySource: [],
      resultsCacheTtl: Duration.seconds(0),
    });

    // API Gateway may invoke a function for any route of this API; which routes reach which function is the integrations' business.
    const invokedByThisApi = stack.formatArn({ service: 'execute-api', resource: this.httpApi.apiId, resourceName: '*/*' });

    this.plan = routeFunctions(props.routes);
    const functions = new Map<string, lambda.Function>();
    for (const planned of this.plan) {
      const access = accessOf(planned.routes);
      const role = new iam.Role(this, `${planned.id}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `The ${planned.id} function: what its routes declare, nothing more`,
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
      });
      if (access.table === 'read') props.table.grantReadData(role);
      if (access.table === 'readWrite') props.table.grantReadWriteData(role);
      if (access.usesPiiKey) props.piiKey.grantRead(role);
      // A rate limit adds to its counters: an update of their partitions, nothing else (the route's own access is above).
      if (access.rateLimits.size) {
        iam.Grant.addToPrincipal({
          grantee: role,
          actions: ['dynamodb:UpdateItem'],
          resourceArns: [props.table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${RATE_COUNTER_PREFIX}*`] } },
        });
      }
      for (const [prefix, blobs] of access.blobs) grantBlobAccess(props.uploads, role, blobs, prefix);
      if (access.permitKey) grantPermitKey(props.permitKey, role, access.permitKey);
      if (access.importQueue) grantImportQueueSend(props.importQueue, role);
      if (access.userDirectory) {
        iam.Grant.addToPrincipal({ grantee: role, actions: [...USER_DIRECTORY_ACTIONS], resourceArns: [props.userPool.userPoolArn] });
      }

      const fn = portalFunction(this, `${planned.id}Function`, {
        entry: planned.routes,
        description: planned.isolated ? routeKeyOf(planned.routes[0]!.contract) : `The ${planned.routes.length} routes of functions/${planned.feature}/`,
        role,
        environment: {
          TABLE_NAME: props.table.tableName,
          ...(access.usesPiiKey ? { PII_KEY_SECRET_ARN: props.piiKey.secretArn } : {}),
          ...Object.fromEntries(
            [...access.rateLimits].map((name) => [rateLimitVariable(name), formatRateLimit(props.rateLimits?.[name] ?? RATE_LIMIT_DEFAULTS[name])]),
          ),
          ...(access.blobs.size ? { BLOB_STORE: 's3', UPLOADS_BUCKET: props.uploads.bucketName } : {}),
          ...(access.permitKey ? permitKeyEnvironment(props.permitKey) : {}),
          ...(access.importQueue ? importQueueEnvironment(props.importQueue) : {}),
          ...(access.userDirectory ? { USER_DIRECTORY: 'cognito', USER_POOL_ID: props.userPool.userPoolId } : {}),
        },
      });
      fn.addPermission('InvokedByApi', { principal: new iam.ServicePrincipal('apigateway.amazonaws.com'), sourceArn: invokedByThisApi });
      const integration = new FunctionIntegration(`${planned.id}Integration`, fn);

      for (const route of planned.routes) {
        const { method, path, access: callers } = route.contract;
        // The id of the route's own function before functions were shared, so a deployed stack updates each route in place.
        new apigw.HttpRoute(this, `${route.id}Route`, {
          httpApi: this.httpApi,
          routeKey: apigw.HttpRouteKey.with(path, apigw.HttpMethod[method]),
          integration,
          ...(callers === 'public' ? {} : { authorizer: route.apiKey ? keyAuthorizerOfRoutes : authorizer }),
        });
      }
      functions.set(planned.id, fn);
    }
    this.functions = functions;
  }
}

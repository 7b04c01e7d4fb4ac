/**
 * One Lambda function and one HTTP API route per cloud route of infra/routes.ts. The JWT
 * authorizer only checks that a token is a valid ID token of this pool; handlers check roles.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { Route } from '#infra/routes';
import { portalFunction } from './function.ts';
import { grantPermitKey, permitKeyEnvironment } from './permits.ts';
import { grantBlobAccess } from './uploads.ts';

export interface ApiProps {
  routes: readonly Route[];
  table: dynamodb.ITableV2;
  piiKey: secretsmanager.ISecret;
  /** The blob store of routes that declare `blobs`; no other function can reach it. */
  uploads: s3.IBucket;
  /** The key of the permit's QR tokens: routes that declare `permitKey` sign with it or read its public half. */
  permitKey: kms.IKey;
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

    const functions = new Map<string, nodejs.NodejsFunction>();
    for (const route of props.routes) {
      const { method, path, access } = route.contract;
      const fn = portalFunction(this, `${route.id}Function`, {
        entry: route.handler,
        description: `${method} ${path}`,
        environment: {
          TABLE_NAME: props.table.tableName,
          ...(route.usesPiiKey ? { PII_KEY_SECRET_ARN: props.piiKey.secretArn } : {}),
          ...(route.blobs ? { BLOB_STORE: 's3', UPLOADS_BUCKET: props.uploads.bucketName } : {}),
          ...(route.permitKey ? permitKeyEnvironment(props.permitKey) : {}),
        },
      });
      if (route.table === 'read') props.table.grantReadData(fn);
      if (route.table === 'readWrite') props.table.grantReadWriteData(fn);
      if (route.usesPiiKey) props.piiKey.grantRead(fn);
      if (route.blobs) grantBlobAccess(props.uploads, fn, route.blobs);
      if (route.permitKey) grantPermitKey(props.permitKey, fn, route.permitKey);

      new apigw.HttpRoute(this, `${route.id}Route`, {
        httpApi: this.httpApi,
        routeKey: apigw.HttpRouteKey.with(path, apigw.HttpMethod[method]),
        integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
        ...(access === 'public' ? {} : { authorizer }),
      });
      functions.set(route.id, fn);
    }
    this.functions = functions;
  }
}

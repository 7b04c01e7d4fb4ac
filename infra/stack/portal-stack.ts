/** The whole cloud deployment of the portal in one stack, composed from one construct per concern. */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { dailyPermitSweep, scheduledJobs, tenancyReferralSweep } from '#infra/jobs';
import { cloudRoutes, type Route } from '#infra/routes';
import { ORIGIN_SECRET_VARIABLE, type RateLimit, type RateLimitName } from '#shared/api/rate-limits';
import { Alarms } from './alarms.ts';
import { Api } from './api.ts';
import { Data } from './data.ts';
import { Identity } from './identity.ts';
import { Imports } from './imports.ts';
import { Job } from './jobs.ts';
import { PermitSigningKey } from './permits.ts';
import { Uploads } from './uploads.ts';
import { Web } from './web.ts';

export interface PortalStackProps extends StackProps {
  /** The built web app: web/dist after `npm run build:web`. */
  siteDir: string;
  /** The routes the API serves: the route table's cloud routes unless a test adds some. */
  routes?: readonly Route[];
  /** Per-client limits of the public routes by group (requests per window); shared/api/rate-limits.ts has the defaults. */
  rateLimits?: Partial<Record<RateLimitName, RateLimit>>;
}

export class PortalStack extends Stack {
  constructor(scope: Construct, id: string, props: PortalStackProps) {
    super(scope, id, props);

    const data = new Data(this, 'Data');
    const identity = new Identity(this, 'Identity');
    const uploads = new Uploads(this, 'Uploads');
    const permitKey = new PermitSigningKey(this, 'PermitKey');
    const imports = new Imports(this, 'Imports', { table: data.table, piiKey: data.piiKey, uploads: uploads.bucket });
    const api = new Api(this, 'Api', {
      routes: props.routes ?? cloudRoutes,
      table: data.table,
      piiKey: data.piiKey,
      uploads: uploads.bucket,
      permitKey: permitKey.key,
      importQueue: imports.queue,
      userPool: identity.userPool,
      jwtIssuer: identity.issuer,
      jwtAudience: [identity.webClient.userPoolClientId],
      ...(props.rateLimits ? { rateLimits: props.rateLimits } : {}),
    });
    const web = new Web(this, 'Web', {
      siteDir: props.siteDir,
      apiDomainName: api.domainName,
      config: {
        authMode: 'cognito',
        region: this.region,
        userPoolId: identity.userPool.userPoolId,
        clientId: identity.webClient.userPoolClientId,
      },
      uploadsBucket: uploads.bucket,
      identityEndpoint: identity.endpoint,
    });
    uploads.allowUploadsFrom(web.url);
    // The permit QR links to the public verification page of the site (behind CloudFront the
    // request's Host is the API's own, so the site's address is given, not guessed).
    for (const planned of api.plan) {
      if (planned.routes.some((route) => route.permitKey === 'sign')) api.functions.get(planned.id)?.addEnvironment('SITE_ORIGIN', web.url);
      // Rate limits count a request through CloudFront by the viewer's address, which only this secret vouches for.
      if (planned.routes.some((route) => route.rateLimited)) {
        api.functions.get(planned.id)?.addEnvironment(ORIGIN_SECRET_VARIABLE, web.originSecret.secretValue.unsafeUnwrap());
      }
    }
    const jobs = new Map(scheduledJobs.map((job) => [job.id, new Job(this, job.id, { job, table: data.table, piiKey: data.piiKey })]));
    const alarms = new Alarms(this, 'Alarms', {
      functions: new Map([
        ['KeyAuthorizer', api.keyAuthorizer],
        ['PostConfirmation', identity.postConfirmation],
        ['ImportWorker', imports.worker],
        ...[...jobs].map(([id, job]) => [id, job.fn] as const),
      ]),
      functionGroups: new Map([['RouteFunctions', api.functions]]),
      httpApi: api.httpApi,
      queues: new Map([
        ...[...jobs].map(([id, job]) => [`${id}DeadLetters`, job.deadLetters] as const),
        ['ImportDeadLetters', imports.deadLetters],
      ]),
    });

    const outputs: Record<string, [value: string, description: string]> = {
      SiteUrl: [web.url, 'The portal (web app and /api/*)'],
      ApiUrl: [api.stage.url, 'The HTTP API endpoint (also reachable as <SiteUrl>/api/)'],
      UserPoolId: [identity.userPool.userPoolId, 'Cognito user pool'],
      UserPoolClientId: [identity.webClient.userPoolClientId, 'Cognito app client of the web app'],
      TableName: [data.table.tableName, 'DynamoDB table'],
      UploadsBucketName: [uploads.bucket.bucketName, 'Uploads bucket'],
      AlarmTopicArn: [alarms.topic.topicArn, 'Subscribe to receive alarms'],
      PermitKeyArn: [permitKey.key.keyArn, 'KMS key that signs the permit QR tokens'],
      DailySweepFunctionName: [jobs.get(dailyPermitSweep.id)!.fn.functionName, 'Invoke with {"today":"YYYY-MM-DD"} to re-run a missed day'],
      ReferralSweepFunctionName: [jobs.get(tenancyReferralSweep.id)!.fn.functionName, "Invoke with {} to refer unanswered tenants' requests now"],
      ImportQueueUrl: [imports.queue.queueUrl, 'Send {"uploadId":"UP...","phase":"check"} (or "commit") to run that phase of an upload again'],
      ImportWorkerFunctionName: [imports.worker.functionName, "Checks and commits organisations' uploads"],
    };
    for (const [name, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, name, { value, description });
    }
  }
}

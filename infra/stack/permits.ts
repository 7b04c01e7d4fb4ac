/**
 * The residence permit's own resources: the KMS key that signs the permit's QR tokens, and the
 * daily job (suspend, expire, cancel, remind) with its EventBridge Scheduler schedule.
 */
import { Duration, RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Route } from '#infra/routes';
import { dailyPermitSweep } from '#infra/jobs';
import { portalFunction } from './function.ts';

export type PermitKeyUse = NonNullable<Route['permitKey']>;

/** What each use of the signing key may do: verifiers check signatures with the public key, locally. */
export const PERMIT_KEY_ACTIONS: Readonly<Record<PermitKeyUse, readonly string[]>> = {
  sign: ['kms:Sign', 'kms:GetPublicKey'],
  verify: ['kms:GetPublicKey'],
};

/**
 * The ES256 key of the QR tokens (ECC P-256, sign and verify). Its private half never leaves KMS.
 * Kept when the stack is deleted: a new key would void every token shown, briefly, and nothing more,
 * but deleting a key is not to be done by accident.
 */
export class PermitSigningKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Signs the QR tokens of electronic residence permits (ES256)',
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      alias: `alias/${Stack.of(this).stackName}/permit-qr`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

/** Where a function that signs or verifies QR tokens finds the key (functions/permit/signer.ts reads these). */
export const permitKeyEnvironment = (key: kms.IKey) => ({ PERMIT_SIGNER: 'kms', PERMIT_KEY_ARN: key.keyArn });

export const grantPermitKey = (key: kms.IKey, fn: iam.IGrantable, use: PermitKeyUse) => key.grant(fn, ...PERMIT_KEY_ACTIONS[use]);

export interface DailySweepProps {
  table: dynamodb.ITableV2;
  /** The keyed-hash key: the SMS outbox and its look-ups hash phone numbers, as the routes that send SMS do. */
  piiKey: secretsmanager.ISecret;
}

/** When the job runs: every day at its hour (01:00), Shanghai time, as the local product's timer does. */
export const DAILY_SWEEP_CRON = { minute: '0', hour: String(dailyPermitSweep.hourInShanghai), timeZone: TimeZone.ASIA_SHANGHAI } as const;

export class DailySweep extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly schedule: scheduler.Schedule;
  /** Invocations the scheduler could not deliver after its retries. */
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: DailySweepProps) {
    super(scope, id);

    this.fn = portalFunction(this, 'Function', {
      entry: dailyPermitSweep.handler,
      description: dailyPermitSweep.description,
      environment: { TABLE_NAME: props.table.tableName, PII_KEY_SECRET_ARN: props.piiKey.secretArn },
      // Constant memory at any number of permits; time grows with the day's due permits.
      timeout: Duration.minutes(15),
    });
    props.table.grantReadWriteData(this.fn);
    props.piiKey.grantRead(this.fn);

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Runs the daily permit sweep',
      schedule: scheduler.ScheduleExpression.cron(DAILY_SWEEP_CRON),
      target: new targets.LambdaInvoke(this.fn, {
        // No `today`: the job takes the Shanghai date it runs on.
        input: scheduler.ScheduleTargetInput.fromObject({}),
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: this.deadLetters,
      }),
    });
  }
}

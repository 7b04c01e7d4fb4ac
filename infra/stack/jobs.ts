/**
 * A scheduled job's cloud resources, one code path for every job in infra/jobs.ts: its function
 * (read and write on the table, the keyed-hash key for its text messages), its EventBridge Scheduler
 * schedule (daily at its hour, Shanghai time, or hourly), the scheduler's retries and a dead-letter
 * queue for invocations that still failed.
 */
import { Duration, TimeZone } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { JobSchedule, ScheduledJob } from '#infra/jobs';
import { portalFunction } from './function.ts';

export interface JobProps {
  job: ScheduledJob;
  table: dynamodb.ITableV2;
  /** The keyed-hash key: the SMS outbox and its look-ups hash phone numbers, as the routes that send SMS do. */
  piiKey: secretsmanager.ISecret;
}

/** The schedule expression of a job: a cron at its hour, Shanghai time (as the local product's timer), or every hour. */
export function scheduleExpression(schedule: JobSchedule): scheduler.ScheduleExpression {
  if (schedule.every === 'hour') return scheduler.ScheduleExpression.rate(Duration.hours(1));
  return scheduler.ScheduleExpression.cron({ minute: '0', hour: String(schedule.hourInShanghai), timeZone: TimeZone.ASIA_SHANGHAI });
}

export class Job extends Construct {
  readonly fn: lambda.Function;
  readonly schedule: scheduler.Schedule;
  /** Invocations the scheduler could not deliver after its retries. */
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, { job, table, piiKey }: JobProps) {
    super(scope, id);

    this.fn = portalFunction(this, 'Function', {
      entry: job.handler,
      description: job.description,
      environment: { TABLE_NAME: table.tableName, PII_KEY_SECRET_ARN: piiKey.secretArn },
      // Constant memory at any amount of due work; time grows with it.
      timeout: Duration.minutes(15),
    });
    table.grantReadWriteData(this.fn);
    piiKey.grantRead(this.fn);

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `Runs: ${job.description}`,
      schedule: scheduleExpression(job.schedule),
      target: new targets.LambdaInvoke(this.fn, {
        // No date: the job takes the time it runs at.
        input: scheduler.ScheduleTargetInput.fromObject({}),
        retryAttempts: 3,
        // An hourly run older than an hour is overtaken by the next one.
        maxEventAge: job.schedule.every === 'hour' ? Duration.hours(1) : Duration.hours(2),
        deadLetterQueue: this.deadLetters,
      }),
    });
  }
}

/**
 * Organisations' bulk uploads, checked and committed away from the request: a file PUT under
 * `imports/` in the uploads bucket notifies the import queue (S3 → SQS), and so does a commit or a
 * stale upload (the routes with `importQueue`); the worker reads the file as a stream and reports
 * each message it could not finish (partial batch responses), which SQS delivers again and, after
 * five receives, moves to an encrypted dead-letter queue that alarms. A worker running out of time
 * saves its progress and sends its message again, so it may send to the queue too.
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { IMPORTS_PREFIX } from '#functions/agency/items';
import { importWorker } from '#infra/functions';
import { portalFunction } from './function.ts';
import { grantBlobAccess } from './uploads.ts';

/** The longest a worker runs; the queue hides a message six times as long (AWS's advice for SQS event sources). */
export const WORKER_TIMEOUT = Duration.minutes(15);
/** A 100,000-row sheet is read as a stream in well under 256 MB; the rest is CPU, which grows with memory. */
export const WORKER_MEMORY_MB = 1024;
/**
 * The worker holds a few tens of MB at once (a chunk of rows, the keys of the rows seen); without a
 * bound, V8 lets garbage pile up to the function's memory before collecting it. Small young and old
 * generations keep its resident memory under 256 MB at any file size (`npm run bench` runs it so).
 */
export const WORKER_HEAP_FLAGS = '--max-semi-space-size=4 --max-old-space-size=160';
/** How many uploads are worked on at once, so a burst of uploads cannot take the table's whole capacity. */
export const WORKER_CONCURRENCY = 5;
/** Receives before a message is a dead letter: a file the worker failed on five times needs a person. */
export const MAX_RECEIVES = 5;

export interface ImportsProps {
  table: dynamodb.ITableV2;
  piiKey: secretsmanager.ISecret;
  uploads: s3.Bucket;
}

export class Imports extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;
  readonly worker: lambda.Function;

  constructor(scope: Construct, id: string, { table, piiKey, uploads }: ImportsProps) {
    super(scope, id);

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      // SQS-managed keys: S3 may send to the queue without a key policy of our own.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: MAX_RECEIVES },
    });
    uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queue), { prefix: IMPORTS_PREFIX });

    this.worker = portalFunction(this, 'Worker', {
      entry: importWorker.entry,
      description: "Checks and commits organisations' uploaded sheets (from the import queue)",
      timeout: WORKER_TIMEOUT,
      memorySize: WORKER_MEMORY_MB,
      environment: {
        NODE_OPTIONS: WORKER_HEAP_FLAGS,
        TABLE_NAME: table.tableName,
        PII_KEY_SECRET_ARN: piiKey.secretArn,
        BLOB_STORE: 's3',
        UPLOADS_BUCKET: uploads.bucketName,
        ...importQueueEnvironment(this.queue),
      },
    });
    // The event source mapping's own limit, not reserved concurrency: it caps this worker without
    // taking capacity from the account's other functions (a new account has only ten).
    this.worker.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: WORKER_CONCURRENCY }),
    );
    table.grantReadWriteData(this.worker);
    piiKey.grantRead(this.worker);
    grantBlobAccess(uploads, this.worker, 'read', IMPORTS_PREFIX);
    grantImportQueueSend(this.queue, this.worker);
  }
}

/** What a function that sends work to the import queue reads. */
export const importQueueEnvironment = (queue: sqs.IQueue) => ({ IMPORT_QUEUE: 'sqs', IMPORT_QUEUE_URL: queue.queueUrl });

/** Sending a message, and nothing else (no receiving, deleting or reading the queue's attributes). */
export function grantImportQueueSend(queue: sqs.IQueue, grantee: iam.IGrantable) {
  return iam.Grant.addToPrincipal({ grantee, actions: ['sqs:SendMessage'], resourceArns: [queue.queueArn] });
}

/** Alarms on function errors, API 5xx answers and dead letters, sent to one SNS topic operators subscribe to. */
import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /** Functions by a stable id, used for the alarm's construct id. */
  functions: ReadonlyMap<string, lambda.IFunction>;
  httpApi: apigw.IHttpApi;
  /** Dead-letter queues by a stable id: a message there is work that was never done. */
  queues?: ReadonlyMap<string, sqs.IQueue>;
}

const PERIOD = Duration.minutes(5);

export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Migrant service portal alarms', enforceSSL: true });
    const notify = new actions.SnsAction(this.topic);

    const alarmAtLeastOnce = (alarmId: string, metric: cloudwatch.IMetric, description: string) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No invocations means no errors, not an unknown state.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      alarm.addAlarmAction(notify);
    };

    for (const [functionId, fn] of props.functions) {
      alarmAtLeastOnce(
        `${functionId}Errors`,
        fn.metricErrors({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
        `${functionId} failed at least once in 5 minutes`,
      );
    }
    for (const [queueId, queue] of props.queues ?? []) {
      alarmAtLeastOnce(
        `${queueId}Messages`,
        queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
        `${queueId} holds a message`,
      );
    }
    alarmAtLeastOnce(
      'Api5xx',
      props.httpApi.metricServerError({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
      'The HTTP API answered 5xx at least once in 5 minutes',
    );
  }
}

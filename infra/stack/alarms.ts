/**
 * Alarms on function errors, API 5xx answers and dead letters, sent to one SNS topic operators
 * subscribe to. The functions that serve routes share alarms (up to ten functions each,
 * CloudWatch's limit for a math expression), which keeps the stack small; the alarm's description
 * names the functions, and their logs tell which route failed.
 */
import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /** Functions by a stable id, used for the alarm's construct id: one alarm each. */
  functions: ReadonlyMap<string, lambda.IFunction>;
  /** Groups of functions (e.g. those serving routes) by a stable id: one alarm per ten functions of a group. */
  functionGroups?: ReadonlyMap<string, ReadonlyMap<string, lambda.IFunction>>;
  httpApi: apigw.IHttpApi;
  /** Dead-letter queues by a stable id: a message there is work that was never done. */
  queues?: ReadonlyMap<string, sqs.IQueue>;
}

const PERIOD = Duration.minutes(5);
/** CloudWatch's hard limit of metrics in one alarm's math expression. */
export const METRICS_PER_ALARM = 10;

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
    for (const [groupId, members] of props.functionGroups ?? []) {
      const entries = [...members];
      for (let from = 0; from < entries.length; from += METRICS_PER_ALARM) {
        const chunk = entries.slice(from, from + METRICS_PER_ALARM);
        const usingMetrics = Object.fromEntries(chunk.map(([, fn], i) => [`e${i}`, fn.metricErrors({ period: PERIOD, statistic: cloudwatch.Stats.SUM })]));
        const part = from === 0 ? '' : String(from / METRICS_PER_ALARM + 1);
        alarmAtLeastOnce(
          `${groupId}Errors${part}`,
          new cloudwatch.MathExpression({ expression: `SUM([${Object.keys(usingMetrics).join(',')}])`, usingMetrics, period: PERIOD }),
          `A function of ${chunk.map(([id]) => id).join(', ')} failed at least once in 5 minutes`,
        );
      }
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

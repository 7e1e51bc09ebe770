/**
 * CloudWatch alarms, all to one SNS topic (mailed to `alarmEmail` when given): each function's
 * errors and throttles, each dead-letter queue holding a message, SES bounce and complaint rates.
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

const FIVE_MINUTES = Duration.minutes(5);

export class Alarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: { alarmEmail?: string }) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Échange Kaz — alertes',
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    return alarm;
  }

  forFunction(name: string, fn: IFunction): void {
    this.alarm(
      `${name}Errors`,
      fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      0,
      `${name}: an invocation failed`,
    );
    this.alarm(
      `${name}Throttles`,
      fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
      0,
      `${name}: invocations throttled`,
    );
  }

  forDeadLetterQueue(name: string, queue: IQueue): void {
    this.alarm(
      `${name}DeadLetters`,
      queue.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: 'Maximum',
      }),
      0,
      `${name}: records gave up after their retries (see the queue; the outbox sweep resends mails)`,
    );
  }

  forSesReputation(): void {
    const rate = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        period: Duration.hours(1),
        statistic: 'Maximum',
      });
    // SES reviews an account at 5 % bounces and 0.1 % complaints.
    this.alarm('SesBounceRate', rate('Reputation.BounceRate'), 0.05, 'SES bounce rate above 5 %');
    this.alarm(
      'SesComplaintRate',
      rate('Reputation.ComplaintRate'),
      0.001,
      'SES complaint rate above 0.1 %',
    );
  }
}

/**
 * Business and health metrics in CloudWatch's embedded metric format, through Powertools for AWS
 * Lambda's Metrics: a metric is a line in the function's log, no API call on the request path.
 * The stack's dashboard (infra/lib/dashboard.ts) draws every name declared here. The local stack
 * and the tests turn them off (`POWERTOOLS_METRICS_DISABLED`), as nothing reads them there.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export const METRICS_NAMESPACE = 'EchangeKaz';
export const METRICS_SERVICE = 'echange-kaz';

/** Every metric the functions emit: counts, except the stream lag in milliseconds. */
export const METRIC = {
  listingsPublished: 'ListingsPublished',
  proposalsStored: 'ProposalsStored',
  swapsRequested: 'SwapsRequested',
  swapsCompleted: 'SwapsCompleted',
  mailsSent: 'MailsSent',
  mailsFailed: 'MailsFailed',
  streamLag: 'StreamLagMs',
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC];

let metrics: Metrics | undefined;

// Built on first use, so that the environment (disabled or not) is read after start-up code set it.
function instance(): Metrics {
  metrics ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });
  return metrics;
}

export function countMetric(name: Exclude<MetricName, 'StreamLagMs'>, value = 1): void {
  if (value > 0) instance().addMetric(name, MetricUnit.Count, value);
}

/**
 * How far behind the table's stream a handler runs: now minus the oldest record's creation time
 * (DynamoDB gives it in seconds).
 */
export function recordStreamLag(event: unknown, now = Date.now()): void {
  const records = (
    event as
      { Records?: Array<{ dynamodb?: { ApproximateCreationDateTime?: number } }> } | undefined
  )?.Records;
  const created = (records ?? [])
    .map((record) => record.dynamodb?.ApproximateCreationDateTime)
    .filter((at): at is number => typeof at === 'number');
  if (created.length === 0) return;
  instance().addMetric(
    METRIC.streamLag,
    MetricUnit.Milliseconds,
    Math.max(0, now - Math.min(...created) * 1000),
  );
}

/** Writes the invocation's metrics to the log; called once at the end of every Lambda invocation. */
export function publishMetrics(): void {
  if (metrics?.hasStoredMetrics()) metrics.publishStoredMetrics();
}

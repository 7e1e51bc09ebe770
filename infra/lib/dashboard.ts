/**
 * One CloudWatch dashboard of what the functions emit (functions/lib/metrics.ts): the product's
 * activity, mails, and how far the stream handlers run behind the table.
 */
import { Duration } from 'aws-cdk-lib';
import { Dashboard, GraphWidget, Metric, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import {
  METRIC,
  METRICS_NAMESPACE,
  METRICS_SERVICE,
  type MetricName,
} from '../../functions/lib/metrics';

const HOUR = Duration.hours(1);

function metric(name: MetricName, statistic: string, label: string): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: METRICS_SERVICE },
    statistic,
    period: HOUR,
    label,
  });
}

export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: { name: string }) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.name,
      defaultInterval: Duration.days(7),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# Échange Kaz — activité et santé\nComptes par heure ; retard du flux en millisecondes.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Annonces et propositions',
        left: [
          metric(METRIC.listingsPublished, 'Sum', 'annonces publiées'),
          metric(METRIC.proposalsStored, 'Sum', 'propositions enregistrées'),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Échanges',
        left: [
          metric(METRIC.swapsRequested, 'Sum', 'échanges demandés'),
          metric(METRIC.swapsCompleted, 'Sum', 'échanges réalisés'),
        ],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Mails',
        left: [
          metric(METRIC.mailsSent, 'Sum', 'envoyés'),
          metric(METRIC.mailsFailed, 'Sum', 'en échec'),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Retard du flux de la table',
        left: [
          metric(METRIC.streamLag, 'Maximum', 'retard maximal'),
          metric(METRIC.streamLag, 'p90', 'retard p90'),
        ],
        width: 12,
      }),
    );
  }
}

/** The operations dashboard draws every metric the functions emit. */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { METRIC, METRICS_NAMESPACE } from '../../functions/lib/metrics';
import { OperationsDashboard } from '../lib/dashboard';

describe('operations dashboard', () => {
  it('has a graph for every metric of functions/lib/metrics.ts, in its namespace', () => {
    const stack = new Stack(new App(), 'Test');
    new OperationsDashboard(stack, 'Operations', { name: 'EchangeKaz-test' });

    const [dashboard] = Object.values(
      Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard'),
    );
    const body = JSON.stringify(
      (dashboard as { Properties: { DashboardBody: unknown } }).Properties.DashboardBody,
    );

    expect(body).toContain(METRICS_NAMESPACE);
    for (const name of Object.values(METRIC)) expect(body, name).toContain(name);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { countMetric, METRIC, METRICS_NAMESPACE, publishMetrics, recordStreamLag } from './metrics';

interface EmfLine {
  _aws: {
    CloudWatchMetrics: Array<{ Namespace: string; Metrics: Array<{ Name: string; Unit: string }> }>;
  };
  [name: string]: unknown;
}

/** The embedded-metric-format lines the process printed while `act` ran. */
function printedMetrics(act: () => void): EmfLine[] {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    write.mockRestore();
  }
  return lines
    .flatMap((line) => line.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfLine);
}

afterEach(() => vi.unstubAllEnvs());

describe('metrics', () => {
  it('prints the invocation’s counts and the stream lag in one EMF line when published', () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const now = Date.UTC(2026, 0, 1, 12, 0, 10);

    const [line, ...others] = printedMetrics(() => {
      countMetric(METRIC.listingsPublished);
      countMetric(METRIC.mailsSent, 3);
      countMetric(METRIC.mailsFailed, 0);
      recordStreamLag(
        {
          Records: [
            { dynamodb: { ApproximateCreationDateTime: now / 1000 - 4 } },
            { dynamodb: { ApproximateCreationDateTime: now / 1000 - 2 } },
          ],
        },
        now,
      );
      publishMetrics();
    });

    expect(others).toEqual([]);
    expect(line?._aws.CloudWatchMetrics[0]?.Namespace).toBe(METRICS_NAMESPACE);
    expect(line).toMatchObject({
      ListingsPublished: 1,
      MailsSent: 3,
      StreamLagMs: 4000,
      service: 'echange-kaz',
    });
    expect(line).not.toHaveProperty('MailsFailed');
  });

  it('prints nothing when nothing was counted', () => {
    expect(printedMetrics(() => publishMetrics())).toEqual([]);
  });
});

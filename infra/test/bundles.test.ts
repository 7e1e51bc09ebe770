/**
 * The Lambda bundles exactly as synthesized (ESM, minified, SDK included), imported and
 * invoked with real event shapes. The bundles read their configuration when imported, so the
 * environment is set first.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { configureLogs } from '../../functions/lib/logger';
import { httpApiEvent, lambdaContext } from './bundle-events';
import { synthesize, type Synthesized } from './synth';

type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

let synth: Synthesized;

beforeAll(() => {
  synth = synthesize();
  Object.assign(process.env, {
    STAGE: 'test',
    AWS_REGION: 'eu-west-3',
    TABLE_NAME: 'echange-kaz-bundle-test',
    SESSION_SECRET: 'bundle-test-secret-bundle-test-secret-bundle-test',
    APP_URL: 'https://echange-kaz.example',
    LOG_LEVEL: 'error',
  });
  configureLogs({ level: 'error' });
}, 120_000);

/**
 * Node's own loader (require of an ES module, Node ≥ 20.19), not Vitest's transforming import:
 * the bundle runs untouched, as on Lambda, and a 900 kB minified file is not re-parsed by Vite.
 */
const nativeRequire = createRequire(import.meta.url);

const importBundle = <T>(name: string): T => {
  const file = synth.bundle(name);
  expect(existsSync(file), file).toBe(true);
  return nativeRequire(file) as T;
};

describe('api bundle', () => {
  it('answers GET /api/health from an HTTP API v2 event', async () => {
    const { handler } = importBundle<{ handler: HttpHandler }>('Api');

    const response = await handler(httpApiEvent('GET', '/api/health'), lambdaContext('api'));

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(String(response.body))).toEqual({ status: 'ok' });
    expect(response.headers?.['content-type']).toMatch(/^application\/json/);
  });

  it('answers JSON 404 for an unknown API path', async () => {
    const { handler } = importBundle<{ handler: HttpHandler }>('Api');

    const response = await handler(httpApiEvent('GET', '/api/nope'), lambdaContext('api'));

    expect(response.statusCode).toBe(404);
    expect(JSON.parse(String(response.body))).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('followers and outbox sweep bundles', () => {
  it('export the stream handler and the sweep; the followers let pass a record none of them acts on', async () => {
    const followers = importBundle<{ handler: (event: unknown) => Promise<unknown> }>('Followers');
    const sweep = importBundle<{ sweepHandler: unknown }>('OutboxSweep');
    const event = {
      Records: [
        {
          eventName: 'MODIFY',
          eventSource: 'aws:dynamodb',
          awsRegion: 'eu-west-3',
          dynamodb: {
            Keys: { pk: { S: 'USER#1' }, sk: { S: 'PROFILE' } },
            SequenceNumber: '100',
            StreamViewType: 'NEW_AND_OLD_IMAGES',
          },
        },
      ],
    };

    expect(typeof sweep.sweepHandler).toBe('function');
    expect(await followers.handler(event)).toEqual({ batchItemFailures: [] });
  });
});

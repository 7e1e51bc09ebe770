/**
 * The published OpenAPI document passes Redocly's `recommended` ruleset without an error, and
 * gives client generators what they need: a unique operationId, tags, a declared way to
 * authenticate and an example on every JSON body of every operation.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../lib/config';
import { createApi } from './app';
import type { ApiDeps } from './context';

const run = promisify(execFile);

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: unknown[];
  requestBody?: { content?: Record<string, { example?: unknown }> };
  responses?: Record<string, { content?: Record<string, { example?: unknown }> }>;
}
interface Document {
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
}

let document: Document;
const operations = () =>
  Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );

beforeAll(async () => {
  const config = parseConfig({
    TABLE_NAME: 'unused',
    APP_URL: 'https://echange-kaz.exemple.re',
    SESSION_SECRET: 'x'.repeat(43),
  });
  const response = await createApi({ config } as ApiDeps).request('/api/openapi.json');
  document = (await response.json()) as Document;
});

describe('the OpenAPI document', () => {
  it('passes Redocly’s recommended rules with no error', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const cli = resolve(import.meta.dirname, '../../node_modules/.bin/redocly');

    const { stdout } = await run(cli, ['lint', file, '--extends=recommended', '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 32 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
      totals: { errors: number };
      problems: Array<{ ruleId: string; severity: string; message: string }>;
    };

    expect(report.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 60_000);

  it('names every operation once, tags it and says how to authenticate', () => {
    const ids = operations().map(({ operation }) => operation.operationId);

    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { route, operation } of operations()) {
      expect(operation.tags?.length, route).toBeGreaterThan(0);
      expect(operation.security, route).toBeDefined();
    }
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual([
      'clientCredentials',
      'session',
      'sessionCookie',
    ]);
    expect(document.servers?.[0]?.url).toBe('https://echange-kaz.exemple.re');
  });

  it('gives an example for every JSON body', () => {
    const missing = operations().flatMap(({ route, operation }) => [
      ...(operation.requestBody?.content?.['application/json'] &&
      operation.requestBody.content['application/json'].example === undefined
        ? [`${route} request`]
        : []),
      ...Object.entries(operation.responses ?? {}).flatMap(([status, response]) =>
        response.content?.['application/json'] &&
        response.content['application/json'].example === undefined
          ? [`${route} ${status}`]
          : [],
      ),
    ]);

    expect(missing).toEqual([]);
  });

  it('offers API client tokens on the lessor routes only', () => {
    const withClients = operations()
      .filter(({ operation }) =>
        operation.security?.some((way) => 'clientCredentials' in (way as object)),
      )
      .map(({ route }) => route);

    expect(withClients).toEqual(
      expect.arrayContaining([
        'GET /api/lessor/listings',
        'POST /api/listings/{id}/verification',
        'POST /api/swaps/{id}/reviews',
      ]),
    );
    expect(withClients).not.toContain('GET /api/me');
    expect(withClients).not.toContain('POST /api/swaps');
  });
});

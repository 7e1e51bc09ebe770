/**
 * The authorization matrix of API client tokens: every route of the OpenAPI document, called
 * with a lessor system's token. The lessor routes below answer as they would to that lessor's
 * agent; every other route answers 403, including routes added later, until listed here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClientToken } from '../support/api-clients';
import { api } from '../support/stack';

const LESSOR_ROUTES = new Set([
  'GET /api/health',
  'GET /api/ref',
  'GET /api/lessor/listings',
  'GET /api/listings/{id}',
  'GET /api/listings/{id}/photos',
  'POST /api/listings/{id}/verification',
  'GET /api/swaps',
  'GET /api/swaps/{id}',
  'GET /api/swaps/{id}/file.pdf',
  'POST /api/swaps/{id}/reviews',
  'POST /api/swaps/{id}/complete',
]);
const isLessorPath = (route: string) => route.split(' ')[1]!.startsWith('/api/lessor/');

let token = '';
let routes: string[] = [];

beforeAll(async () => {
  ({ token } = await apiClientToken('SIDR'));
  const document = (await (await api('/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );
});

describe('API client tokens across every route', () => {
  it('reaches the lessor routes (an unknown resource is 404, never 401 or 403)', async () => {
    const allowed = routes.filter((route) => LESSOR_ROUTES.has(route) || isLessorPath(route));

    const statuses = await Promise.all(allowed.map(async (route) => [route, await call(route)]));

    expect(allowed.length).toBeGreaterThanOrEqual(LESSOR_ROUTES.size);
    for (const [route, status] of statuses) expect([401, 403], String(route)).not.toContain(status);
  });

  it('is refused everywhere else with 403', async () => {
    const refused = routes.filter((route) => !LESSOR_ROUTES.has(route) && !isLessorPath(route));

    const statuses = await Promise.all(refused.map(async (route) => [route, await call(route)]));

    expect(refused.length).toBeGreaterThan(20);
    expect(statuses.filter(([, status]) => status !== 403)).toEqual([]);
  });
});

async function call(route: string): Promise<number> {
  const [method, path] = route.split(' ') as [string, string];
  const response = await api(path.replace(/^\/api/, '').replace(/\{[^}]+\}/g, 'inconnu'), {
    method,
    token,
    ...(method === 'GET' || method === 'DELETE' ? {} : { json: {} }),
  });
  return response.status;
}

import { describe, expect, it } from 'vitest';
import { api } from '../support/stack';

describe('operations endpoints on the local stack', () => {
  it('answers GET /api/health', async () => {
    const response = await api('/health');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toMatch(/^[A-Z0-9]{26}$/);
  });

  it('serves an OpenAPI 3.1 document generated from the zod schemas', async () => {
    const response = await api('/openapi.json');
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };

    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/ref']),
    );
    expect(document.components.schemas).toHaveProperty('Reference');
  });

  it('serves the seeded reference data', async () => {
    const response = await api('/ref');
    const reference = (await response.json()) as Record<string, unknown[]>;

    expect(response.status).toBe(200);
    expect(reference.communes).toHaveLength(3);
    expect(reference.quartiers).toHaveLength(36);
    expect(reference.lessors).toHaveLength(7);
    expect(reference.typologies).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
    expect(reference.financings).toEqual(['LLTS', 'LLS', 'PLS', 'PLI']);
    expect(reference.motives?.length).toBeGreaterThanOrEqual(9);
  });

  it('answers unknown API paths with the error shape, in French, not with the web app', async () => {
    const response = await api('/nulle-part');

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: expect.stringMatching(/n’existe pas/) },
    });
  });

  it('puts secure headers on API responses', async () => {
    const response = await api('/health');

    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});

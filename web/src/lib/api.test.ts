import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, nextCursorOf } from './api';

function answer(status: number, body?: unknown, contentType = 'application/json') {
  const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
  return vi.fn(
    async () => new Response(text, { status, headers: { 'content-type': contentType } }),
  );
}

describe('api', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends JSON with the session cookie to /api', async () => {
    const fetch = answer(200, { id: 'u1' });
    vi.stubGlobal('fetch', fetch);

    const user = await api.post<{ id: string }>('/auth/verify', { token: 't' });

    expect(user).toEqual({ id: 'u1' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/verify');
    expect(init).toMatchObject({ method: 'POST', credentials: 'include', body: '{"token":"t"}' });
  });

  it('accepts 202 and 204 without a body', async () => {
    vi.stubGlobal('fetch', answer(202));
    await expect(api.post('/auth/login', { email: 'a@b.fr' })).resolves.toBeUndefined();
  });

  it("turns the API's error shape into an ApiError with its French message and issues", async () => {
    const issues = [{ path: 'email', message: 'Adresse e-mail invalide.' }];
    vi.stubGlobal(
      'fetch',
      answer(400, { error: { code: 'validation_failed', message: 'Requête invalide.', issues } }),
    );

    const error = await api.post('/auth/login', { email: 'x' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Requête invalide.',
      issues,
    });
  });

  it('gives a generic French message when the error body is not the API shape', async () => {
    vi.stubGlobal('fetch', answer(502, '<html>Bad gateway</html>', 'text/html'));

    const error = await api.get('/me').catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 502, code: 'internal' });
    expect((error as ApiError).message).toMatch(/Réessayez/);
  });

  it('reports a network failure as code "network"', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );

    await expect(api.get('/me')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('reads an array page and the cursor its Link header names for the next one', async () => {
    const link = '</api/matches?limit=20&cursor=all.3.0999200%230%23abc>; rel="next"';
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('[{"id":"m1"}]', { status: 200, headers: { link } })),
    );

    const page = await api.getLinkedPage<{ id: string }>('/matches?limit=20');

    expect(page).toEqual({ items: [{ id: 'm1' }], nextCursor: 'all.3.0999200#0#abc' });
    expect(nextCursorOf(null)).toBeUndefined();
    expect(nextCursorOf('</api/matches?cursor=x>; rel="prev"')).toBeUndefined();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from './session.svelte';

const user = { id: 'u1', email: 'locataire@exemple.fr', role: 'tenant' };

function stubFetch(status: number, body?: unknown) {
  const fetch = vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('session', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is signed in when GET /api/me answers a user', async () => {
    stubFetch(200, user);

    await session.load();

    expect(session.status).toBe('signed-in');
    expect(session.user).toEqual(user);
  });

  it('is anonymous on 401', async () => {
    stubFetch(401, { error: { code: 'unauthenticated', message: 'Vous devez vous connecter pour continuer.' } });

    await session.load();

    expect(session.status).toBe('anonymous');
    expect(session.user).toBeNull();
  });

  it('is anonymous when the API is missing (404 page from the server)', async () => {
    stubFetch(404);

    await session.load();

    expect(session.status).toBe('anonymous');
  });

  it('forgets the user after logout, even if the server fails', async () => {
    session.signIn({ id: 'u1', email: 'locataire@exemple.fr', role: 'tenant' });
    const fetch = stubFetch(500);

    await session.logout();

    expect(fetch).toHaveBeenCalledWith('/api/auth/logout', expect.objectContaining({ method: 'POST' }));
    expect(session.status).toBe('anonymous');
  });
});

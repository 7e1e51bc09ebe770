import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from './session.svelte';

const user = { id: 'u1', email: 'locataire@exemple.fr', role: 'tenant' };

function stubFetch(status: number, body?: unknown) {
  const fetch = vi.fn(
    async () => new Response(body === undefined ? null : JSON.stringify(body), { status }),
  );
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
    stubFetch(401, {
      error: { code: 'unauthenticated', message: 'Vous devez vous connecter pour continuer.' },
    });

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

    expect(fetch).toHaveBeenCalledWith(
      '/api/auth/logout',
      expect.objectContaining({ method: 'POST' }),
    );
    expect(session.status).toBe('anonymous');
  });

  it('keeps a sign-in that happened while an earlier GET /api/me was answering 401', async () => {
    let answer: (response: Response) => void = () => {};
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>((resolve) => (answer = resolve))),
    );
    const loading = session.load();

    session.signIn({ id: 'u1', email: 'locataire@exemple.fr', role: 'tenant' });
    answer(
      new Response(
        JSON.stringify({ error: { code: 'unauthenticated', message: 'Connectez-vous.' } }),
        { status: 401 },
      ),
    );
    await loading;

    expect(session.status).toBe('signed-in');
  });
});

/**
 * A lessor's system as its IT department would write it: a client generated from the OpenAPI
 * document (openapi-typescript types, openapi-fetch calls) drives the lessor's work with a
 * client-credentials token — token, verification queue, verification, review of a swap.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import type { paths } from '../support/api-client/schema';
import { newApiClient } from '../support/api-clients';
import { publishListing } from '../support/market';
import { stack } from '../support/stack';
import { requestedSwap } from '../support/swap-fixture';

const LESSOR = 'SEMADER';

function lessorSystem(credentials: { clientId: string; clientSecret: string }) {
  let accessToken: string | undefined;
  const client = createClient<paths>({ baseUrl: stack().appUrl });
  const bearer: Middleware = {
    onRequest({ request, schemaPath }) {
      if (schemaPath !== '/api/oauth/token' && accessToken)
        request.headers.set('authorization', `Bearer ${accessToken}`);
      return request;
    },
  };
  client.use(bearer);
  return {
    client,
    async signIn() {
      const { data, error, response } = await client.POST('/api/oauth/token', {
        body: {
          grant_type: 'client_credentials',
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
        },
        bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(error, String(response.status)).toBeUndefined();
      accessToken = data!.access_token;
      return data!;
    },
  };
}

describe('a lessor system on a generated client', () => {
  it('gets a token, reads its queue, verifies a listing and reviews a swap', async () => {
    const credentials = await newApiClient(LESSOR, 'Progiciel SEMADER');
    const [waiting, swap] = await Promise.all([
      publishListing({ dwelling: { lessorId: LESSOR } } as never),
      requestedSwap(LESSOR),
    ]);
    const system = lessorSystem(credentials);
    const confirmed = await fetch(`${stack().appUrl}/api/swaps/${swap.swapId}/confirm`, {
      method: 'POST',
      headers: { authorization: `Bearer ${swap.partner.token}` },
    });
    expect(confirmed.status).toBe(200);

    const token = await system.signIn();
    let cursor: string | undefined;
    const queued: string[] = [];
    do {
      const page = await system.client.GET('/api/lessor/listings', {
        params: { query: { verification: 'pending', limit: 100, cursor } },
      });
      queued.push(...(page.data?.items ?? []).map((listing) => listing.id));
      cursor = page.data?.nextCursor;
    } while (cursor && !queued.includes(waiting.listingId));
    const verified = await system.client.POST('/api/listings/{id}/verification', {
      params: { path: { id: waiting.listingId } },
      body: { verified: true },
    });
    const reviews = await system.client.GET('/api/swaps', {
      params: { query: { status: 'under_review' } },
    });
    const incoming = reviews.data?.items.find((s) => s.id === swap.swapId);
    for (const review of incoming?.reviews ?? [])
      expect(
        (
          await system.client.POST('/api/swaps/{id}/reviews', {
            params: { path: { id: swap.swapId } },
            body: { listingId: review.listingId, decision: 'approved' },
          })
        ).response.status,
      ).toBe(200);
    const after = await system.client.GET('/api/swaps/{id}', {
      params: { path: { id: swap.swapId } },
    });

    expect(token.token_type).toBe('Bearer');
    expect(queued).toContain(waiting.listingId);
    expect(verified.response.status).toBe(200);
    expect(verified.data?.verification).toBe('verified');
    expect(incoming?.reviews.length).toBe(2);
    expect(after.data?.status).toBe('approved');
  });
});

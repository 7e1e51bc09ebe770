/**
 * API clients of lessors' systems, through the real stack: Armos creates and revokes them, the
 * client gets a token by OAuth 2.0 client credentials, and the token acts as its lessor on the
 * lessor routes only, audited, rate limited, refused at once after revocation.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { API_CLIENT_REQUESTS_PER_MINUTE } from '../../functions/api/middleware/api-client';
import { INDEX, indexKeys, keys } from '../../functions/lib/db/model';
import { accessToken, apiClientToken, newApiClient } from '../support/api-clients';
import { publishListing } from '../support/market';
import { signIn } from '../support/sign-in';
import { api, stackDatabase } from '../support/stack';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describe('API clients', () => {
  it('shows the secret once and stores only its hash', async () => {
    const client = await newApiClient('SIDR', 'GLI SIDR');
    const armos = await signIn('armos@bourse.local');

    const list = (await (await api('/admin/api-clients', { token: armos.token })).json()) as Array<
      Record<string, unknown>
    >;
    const { Item } = await stackDatabase().doc.send(
      new GetCommand({
        TableName: stackDatabase().tableName,
        Key: keys.apiClient(client.clientId),
      }),
    );

    const listed = list.find((entry) => entry.clientId === client.clientId);
    expect(listed).toMatchObject({ lessorId: 'SIDR', name: 'GLI SIDR' });
    expect(JSON.stringify(list)).not.toContain(client.clientSecret);
    expect(JSON.stringify(Item)).not.toContain(client.clientSecret);
    expect(String(Item?.secretHash)).toMatch(/^scrypt\$/);
  });

  it('refuses an unknown lessor', async () => {
    const armos = await signIn('armos@bourse.local');

    const response = await api('/admin/api-clients', {
      method: 'POST',
      token: armos.token,
      json: { lessorId: 'INCONNU', name: 'Essai' },
    });

    expect(response.status).toBe(400);
  });

  it('issues a bearer token of one hour at most, by form, JSON or HTTP Basic', async () => {
    const client = await newApiClient();

    const byForm = await api(
      '/oauth/token',
      form({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
    );
    const byJson = await api('/oauth/token', {
      method: 'POST',
      json: {
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      },
    });
    const byBasic = await api('/oauth/token', {
      ...form({ grant_type: 'client_credentials' }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      },
    });

    for (const response of [byForm, byJson, byBasic]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ token_type: 'Bearer' });
      expect(body.expires_in).toBeLessThanOrEqual(3600);
      expect(typeof body.access_token).toBe('string');
    }
  });

  it('answers token errors in the shape of RFC 6749', async () => {
    const client = await newApiClient();

    const wrongSecret = await api(
      '/oauth/token',
      form({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: 'kzs_faux',
      }),
    );
    const unknownClient = await api(
      '/oauth/token',
      form({ grant_type: 'client_credentials', client_id: 'inconnu', client_secret: 'kzs_faux' }),
    );
    const wrongGrant = await api('/oauth/token', form({ grant_type: 'password' }));
    const missing = await api('/oauth/token', form({ grant_type: 'client_credentials' }));
    const noGrant = await api('/oauth/token', { method: 'POST', json: {} });

    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });
    expect(unknownClient.status).toBe(401);
    expect(wrongGrant.status).toBe(400);
    expect(await wrongGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
    expect(noGrant.status).toBe(400);
  });

  it('acts as its lessor on the lessor routes and nowhere else', async () => {
    const { token } = await apiClientToken('SIDR');
    const theirs = await publishListing({ dwelling: { lessorId: 'SHLMR' } } as never);

    const queue = await api('/lessor/listings?verification=pending', { token });
    const me = await api('/me', { token });
    const matches = await api('/matches', { token });
    const admin = await api('/admin/api-clients', { token });
    const stats = await api('/stats/quartiers?from=2026-01&to=2026-12', { token });

    expect(queue.status).toBe(200);
    const { items } = (await queue.json()) as { items: Array<{ dwelling: { lessorId: string } }> };
    expect(items.every((listing) => listing.dwelling.lessorId === 'SIDR')).toBe(true);
    expect([me.status, matches.status, admin.status, stats.status]).toEqual([403, 403, 403, 403]);
    const other = await api(`/listings/${theirs.listingId}/verification`, {
      method: 'POST',
      token,
      json: { verified: true },
    });
    expect([403, 404]).toContain(other.status);
  });

  it('is refused from the next request once revoked, and cannot get a new token', async () => {
    const client = await apiClientToken();
    const armos = await signIn('armos@bourse.local');
    expect((await api('/lessor/listings', { token: client.token })).status).toBe(200);

    const revoked = await api(`/admin/api-clients/${client.clientId}`, {
      method: 'DELETE',
      token: armos.token,
    });
    const after = await api('/lessor/listings', { token: client.token });
    const again = await api(
      '/oauth/token',
      form({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
    );
    const twice = await api(`/admin/api-clients/${client.clientId}`, {
      method: 'DELETE',
      token: armos.token,
    });

    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toHaveProperty('revokedAt');
    expect(after.status).toBe(401);
    expect(again.status).toBe(401);
    expect(twice.status).toBe(409);
  });

  it('writes every call to the audit trail under the client id', async () => {
    const client = await apiClientToken();
    const armos = await signIn('armos@bourse.local');

    await api('/lessor/listings', { token: client.token });
    await api('/me', { token: client.token });
    const audit = (await (
      await api(`/admin/audit?actorId=${client.clientId}`, { token: armos.token })
    ).json()) as Array<{
      action: string;
      at: string;
      details: { path: string; status: number };
    }>;

    const calls = audit.filter((entry) => entry.action === 'api-call');
    // The retention is the stored item's TTL, which the API never shows: read it in the table.
    const { Items: stored = [] } = await stackDatabase().doc.send(
      new QueryCommand({
        TableName: stackDatabase().tableName,
        IndexName: INDEX.byParent,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': indexKeys.auditByActor(client.clientId, '').gsi1pk },
      }),
    );
    const keptFor = (item: Record<string, unknown>) =>
      Number(item.ttl ?? 0) - Math.floor(Date.parse(String(item.at)) / 1000);
    const storedCalls = stored.filter((item) => item.action === 'api-call');
    expect(storedCalls.length).toBe(calls.length);
    expect(storedCalls.every((item) => Math.abs(keptFor(item) - 365 * 86_400) < 120)).toBe(true);
    expect(calls.every((entry) => !('ttl' in entry))).toBe(true);
    expect(calls.map((entry) => [entry.details.path, entry.details.status])).toEqual(
      expect.arrayContaining([
        ['/api/lessor/listings', 200],
        ['/api/me', 403],
      ]),
    );
  });

  it('limits each client to its rate per minute, without touching other clients', async () => {
    const [busy, quiet] = await Promise.all([apiClientToken(), apiClientToken()]);
    const windowStart = Math.floor(Date.now() / 60_000) * 60_000;
    // Fill this minute's counter as if the client had already made every call it may make.
    for (const start of [windowStart, windowStart + 60_000]) {
      await stackDatabase().doc.send(
        new PutCommand({
          TableName: stackDatabase().tableName,
          Item: {
            ...keys.rateLimit('api-client', busy.clientId, start),
            entity: 'RateLimit',
            hits: API_CLIENT_REQUESTS_PER_MINUTE,
          },
        }),
      );
    }

    const limited = await api('/lessor/listings', { token: busy.token });
    const other = await api('/lessor/listings', { token: quiet.token });

    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(other.status).toBe(200);
  });

  it('gives a new token to a client that asks again', async () => {
    const client = await newApiClient();

    const [first, second] = [await accessToken(client), await accessToken(client)];

    expect((await api('/swaps', { token: first })).status).toBe(200);
    expect((await api('/swaps', { token: second })).status).toBe(200);
  });
});

/** API clients for tests: Armos creates one, the client exchanges its credentials for a token. */
import { expect } from 'vitest';
import { signIn } from './sign-in';
import { api } from './stack';

export interface TestApiClient {
  clientId: string;
  clientSecret: string;
  lessorId: string;
}

export async function newApiClient(
  lessorId = 'SIDR',
  name = 'Progiciel d’essai',
): Promise<TestApiClient> {
  const armos = await signIn('armos@bourse.local');
  const response = await api('/admin/api-clients', {
    method: 'POST',
    token: armos.token,
    json: { lessorId, name },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const { clientId, clientSecret } = (await response.json()) as TestApiClient;
  return { clientId, clientSecret, lessorId };
}

export async function accessToken(client: TestApiClient): Promise<string> {
  const response = await api('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }).toString(),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A client of `lessorId` and a fresh access token of it. */
export async function apiClientToken(
  lessorId = 'SIDR',
): Promise<TestApiClient & { token: string }> {
  const client = await newApiClient(lessorId);
  return { ...client, token: await accessToken(client) };
}

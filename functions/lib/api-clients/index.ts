/**
 * What can be done with an API client of a lessor's system, by name — the use cases the API's
 * routes reach. Each takes the part of the application context it reads, then the caller.
 */
import type { User } from '../../../shared/schemas/user';
import { listApiClients } from '../db/api-clients';
import { webhookEndpointsEndedWithClient } from '../webhooks/endpoints';
import { createApiClient, issueAccessToken, revokeApiClient, type ApiClientDeps } from './service';

export const ApiClients = {
  create: createApiClient,
  /** Revoked ones included, newest first. */
  list: listApiClients,
  /** The webhooks the client registered end in the same transaction. */
  revoke: (deps: ApiClientDeps, caller: User, clientId: string) =>
    revokeApiClient(deps, caller, clientId, (client) =>
      webhookEndpointsEndedWithClient(deps.db, client),
    ),
  /** OAuth 2.0 client credentials: a client's id and secret for an access token. */
  issueToken: issueAccessToken,
} as const;

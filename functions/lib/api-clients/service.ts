/**
 * API clients: Armos creates one per lessor system (the secret is returned once, only its hash
 * is kept) and revokes it; a client exchanges its credentials for an access token (OAuth 2.0
 * client credentials, RFC 6749 §4.4).
 */
import { ulid } from 'ulid';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/errors';
import type { OAuthErrorCode } from '../../../shared/schemas/api-client';
import type { User } from '../../../shared/schemas/user';
import {
  apiClientPut,
  apiClientRevokeUpdate,
  findApiClient,
  publicApiClient,
  recordTokenIssued,
  type ApiClient,
} from '../db/api-clients';
import { auditPut } from '../db/audit';
import { takeRateLimit } from '../db/auth';
import { transactWrite, type TransactItem } from '../db/transact';
import { signAccessToken } from './access-token';
import { hashSecret, newClientSecret, verifySecret } from './secret-hash';
import type { AppContext } from '../app-context';

export type ApiClientDeps = Pick<AppContext, 'db' | 'now' | 'reference'>;

let decoy: Promise<string> | undefined;
/** Hashed once per process, on the first token request that needs it. */
const decoyHash = () => (decoy ??= hashSecret(newClientSecret()));

/** Token requests per client id and 15 minutes: a system needs one an hour; this stops guessing. */
export const TOKEN_REQUESTS_PER_15_MIN = 30;

export async function createApiClient(
  deps: ApiClientDeps,
  caller: User,
  input: { lessorId: string; name: string },
): Promise<ApiClient & { clientSecret: string }> {
  const { lessors } = await deps.reference();
  if (!lessors.some((lessor) => lessor.id === input.lessorId))
    throw new ValidationError('Bailleur inconnu.', [
      { path: 'lessorId', message: 'Bailleur inconnu.' },
    ]);
  const now = deps.now();
  const clientSecret = newClientSecret();
  const client = {
    clientId: ulid(now.getTime()),
    lessorId: input.lessorId,
    name: input.name,
    createdAt: now.toISOString(),
    createdBy: caller.id,
    secretHash: await hashSecret(clientSecret),
  };
  await transactWrite(deps.db, [
    apiClientPut(deps.db, client),
    auditPut(
      deps.db,
      {
        actorId: caller.id,
        actorRole: caller.role,
        action: 'api-client-created',
        subject: `client:${client.clientId}`,
        details: { lessorId: client.lessorId },
      },
      now,
    ),
  ]);
  return { ...publicApiClient(client), clientSecret };
}

/**
 * Revokes the client: its tokens are refused from the next request on (the API reads the client
 * on every call). `endDependents` ends what depends on it (its webhooks) in the same transaction.
 */
export async function revokeApiClient(
  deps: ApiClientDeps,
  caller: User,
  clientId: string,
  endDependents: (client: ApiClient) => Promise<TransactItem[]> = async () => [],
): Promise<ApiClient> {
  const existing = await findApiClient(deps.db, clientId);
  if (!existing) throw new NotFoundError('Client de l’API introuvable.');
  if (existing.revokedAt) throw new ConflictError('Ce client est déjà révoqué.');
  const extraItems = await endDependents(publicApiClient(existing));
  const now = deps.now();
  await transactWrite(
    deps.db,
    [
      apiClientRevokeUpdate(deps.db, clientId, caller.id, now),
      auditPut(
        deps.db,
        {
          actorId: caller.id,
          actorRole: caller.role,
          action: 'api-client-revoked',
          subject: `client:${clientId}`,
          details: { lessorId: existing.lessorId },
        },
        now,
      ),
      ...extraItems,
    ],
    () => new ConflictError('Ce client est déjà révoqué.'),
  );
  return { ...publicApiClient(existing), revokedAt: now.toISOString(), revokedBy: caller.id };
}

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly status: 400 | 401 | 429,
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

export interface TokenRequest {
  grantType?: string;
  clientId?: string;
  clientSecret?: string;
}

export async function issueAccessToken(
  deps: ApiClientDeps & Pick<AppContext, 'sessionSecret'>,
  request: TokenRequest,
): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }> {
  if (!request.grantType)
    throw new OAuthError('invalid_request', 400, 'Paramètre grant_type manquant.');
  if (request.grantType !== 'client_credentials')
    throw new OAuthError(
      'unsupported_grant_type',
      400,
      'Seul grant_type=client_credentials est accepté.',
    );
  if (!request.clientId || !request.clientSecret)
    throw new OAuthError('invalid_request', 400, 'Paramètres client_id et client_secret requis.');
  const now = deps.now();
  const allowed = await takeRateLimit(
    deps.db,
    {
      scope: 'oauth-token',
      subject: request.clientId,
      limit: TOKEN_REQUESTS_PER_15_MIN,
      windowSeconds: 900,
    },
    now,
  );
  if (!allowed)
    throw new OAuthError('slow_down', 429, 'Trop de demandes de jeton. Réessayez dans 15 minutes.');
  const client = await findApiClient(deps.db, request.clientId);
  // An unknown or revoked client costs the same hash: the answer time tells nothing.
  const usable = client && !client.revokedAt && client.secretHash ? client : undefined;
  const matches = await verifySecret(
    request.clientSecret,
    usable?.secretHash ?? (await decoyHash()),
  );
  const valid = matches && usable !== undefined;
  if (!valid || !client)
    throw new OAuthError('invalid_client', 401, 'Identifiants du client invalides ou révoqués.');
  const { token, expiresIn } = await signAccessToken(deps.sessionSecret(), client, now);
  await recordTokenIssued(deps.db, client.clientId, now);
  return { access_token: token, token_type: 'Bearer', expires_in: expiresIn };
}

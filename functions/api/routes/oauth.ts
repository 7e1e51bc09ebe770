/**
 * POST /oauth/token: OAuth 2.0 client credentials (RFC 6749 §4.4). Credentials in the body (form
 * or JSON) or with HTTP Basic (§2.3.1); errors in the RFC's shape (§5.2), not the API's.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  oauthErrorSchema,
  tokenRequestSchema,
  tokenResponseSchema,
} from '../../../shared/schemas/api-client';
import { ApiClients } from '../../lib/api-clients';
import { OAuthError, type TokenRequest } from '../../lib/api-clients/service';
import type { ApiDeps, ApiEnv } from '../context';
import { createRouter, jsonContent } from '../router';

const oauthError = (description: string) => ({
  description,
  ...jsonContent(oauthErrorSchema),
});

const token = createRoute({
  method: 'post',
  path: '/oauth/token',
  operationId: 'issueAccessToken',
  tags: ['Clients de l’API'],
  summary: 'Obtenir un jeton d’accès (client credentials), valable une heure',
  description:
    'Le jeton agit comme le bailleur du client, sur les services des bailleurs seulement (`Authorization: Bearer <access_token>`).',
  // Credentials travel in the body or with HTTP Basic, not as a bearer token.
  security: [],
  request: {
    body: {
      content: {
        'application/x-www-form-urlencoded': { schema: tokenRequestSchema },
        'application/json': { schema: tokenRequestSchema },
      },
      required: true,
    },
  },
  responses: {
    200: { description: 'Le jeton', ...jsonContent(tokenResponseSchema) },
    400: oauthError('Requête invalide (invalid_request, unsupported_grant_type)'),
    401: oauthError('Client inconnu, secret faux ou client révoqué (invalid_client)'),
    429: oauthError('Trop de demandes pour ce client (slow_down)'),
  },
});

function basicCredentials(c: Context<ApiEnv>): Pick<TokenRequest, 'clientId' | 'clientSecret'> {
  const encoded = c.req.header('authorization')?.match(/^Basic\s+(\S+)$/i)?.[1];
  if (!encoded) return {};
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return {};
  return {
    clientId: decodeURIComponent(decoded.slice(0, separator)),
    clientSecret: decodeURIComponent(decoded.slice(separator + 1)),
  };
}

async function readBody(c: Context<ApiEnv>): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  try {
    if (type.startsWith('application/json')) return ((await c.req.json()) ?? {}) as never;
    if (type.startsWith('application/x-www-form-urlencoded'))
      return Object.fromEntries(new URLSearchParams(await c.req.text()));
  } catch {
    throw new OAuthError('invalid_request', 400, 'Corps de la requête illisible.');
  }
  throw new OAuthError(
    'invalid_request',
    400,
    'Envoyez application/x-www-form-urlencoded ou application/json.',
  );
}

export function oauthRoutes(deps: ApiDeps) {
  // The body is read here rather than by the route's validator: its errors must be RFC 6749's.
  const router = createRouter();
  router.openAPIRegistry.registerPath(token);
  router.post('/oauth/token', async (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('Pragma', 'no-cache');
    try {
      const body = tokenRequestSchema.safeParse(await readBody(c));
      if (!body.success)
        throw new OAuthError('invalid_request', 400, 'Paramètres du jeton invalides.');
      const basic = basicCredentials(c);
      const issued = await ApiClients.issueToken(deps, {
        grantType: body.data.grant_type,
        clientId: basic.clientId ?? body.data.client_id,
        clientSecret: basic.clientSecret ?? body.data.client_secret,
      });
      return c.json(issued, 200);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      if (error.status === 401) c.header('WWW-Authenticate', 'Basic realm="echange-kaz"');
      return c.json({ error: error.code, error_description: error.description }, error.status);
    }
  });
  return router;
}

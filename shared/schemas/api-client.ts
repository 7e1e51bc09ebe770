/** API clients of lessors' information systems and the OAuth 2.0 token exchange (docs/api.md). */
import { z } from 'zod';
import { idSchema } from './common';

export const apiClientCreateSchema = z
  .strictObject({
    lessorId: z.string().trim().min(1, { error: 'Choisissez le bailleur.' }).max(40),
    name: z
      .string()
      .trim()
      .min(3, { error: 'Nommez le client (3 caractères au moins).' })
      .max(80, { error: 'Le nom est trop long (80 caractères au plus).' }),
  })
  .meta({
    id: 'ApiClientCreate',
    example: { lessorId: 'SIDR', name: 'Progiciel de gestion locative' },
  });

export const apiClientSchema = z
  .object({
    clientId: idSchema,
    lessorId: z.string(),
    name: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.string().optional(),
    lastTokenAt: z.string().optional(),
  })
  .meta({ id: 'ApiClient' });

export const apiClientCreatedSchema = apiClientSchema
  .extend({
    clientSecret: z
      .string()
      .meta({ description: 'Montré une seule fois : seule son empreinte est conservée.' }),
  })
  .meta({ id: 'ApiClientCreated' });

/**
 * A client as stored: who revoked it, and the scrypt hash of its secret, which never leaves the
 * table (`publicApiClient` in `functions/lib/db/api-clients.ts`).
 */
export const storedApiClientSchema = apiClientSchema.extend({
  revokedBy: z.string().optional(),
  secretHash: z.string(),
});

export type ApiClientView = z.infer<typeof apiClientSchema>;
export type CreatedApiClientView = z.infer<typeof apiClientCreatedSchema>;

export const tokenRequestSchema = z
  .object({
    grant_type: z.string().max(64).optional(),
    client_id: z.string().max(128).optional(),
    client_secret: z.string().max(256).optional(),
  })
  .meta({
    id: 'TokenRequest',
    example: {
      grant_type: 'client_credentials',
      client_id: '01JEXAMPLECLIENT0000000000',
      client_secret: 'kzs_…',
    },
  });

export const tokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().positive().max(3600),
  })
  .meta({
    id: 'TokenResponse',
    example: { access_token: 'eyJ…', token_type: 'Bearer', expires_in: 3600 },
  });

/** RFC 6749 §5.2 error codes. */
export const OAUTH_ERRORS = [
  'invalid_request',
  'invalid_client',
  'unsupported_grant_type',
  'invalid_grant',
] as const;
export type OAuthErrorCode = (typeof OAUTH_ERRORS)[number] | 'slow_down';

export const oauthErrorSchema = z
  .object({ error: z.string(), error_description: z.string().optional() })
  .meta({ id: 'OAuthError', example: { error: 'invalid_client' } });

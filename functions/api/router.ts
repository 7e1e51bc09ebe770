/** A sub-router whose validation failures answer with the API's error shape, in French. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './context';
import { validationErrorFromZod } from './errors';
import { errorResponseSchema } from '../../shared/schemas/common';

export function createRouter(): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationErrorFromZod(result.error);
    },
  });
}

export const jsonContent = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const ERROR_DESCRIPTIONS = {
  400: 'Requête invalide (validation_failed)',
  401: 'Non connecté (unauthenticated)',
  403: 'Action non autorisée pour ce rôle (forbidden)',
  404: 'Introuvable (not_found)',
  409: 'État incompatible ou action concurrente (conflict)',
  429: 'Trop de demandes (rate_limited)',
} as const;

/** The error responses a route documents, all with the contract's error shape. */
export function errorResponses(...statuses: Array<keyof typeof ERROR_DESCRIPTIONS>) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status], ...jsonContent(errorResponseSchema) },
    ]),
  );
}

/** OpenAPI security requirement of routes that need a session (cookie or bearer token). */
export const SESSION_SECURITY = [{ session: [] }];

/** A sub-router whose validation failures answer with the API's error shape, in French. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './context';
import { validationErrorFromZod } from './errors';

export function createRouter(): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationErrorFromZod(result.error);
    },
  });
}

export const jsonContent = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

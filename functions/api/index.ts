/** Lambda entry point of the HTTP API (API Gateway HTTP API, payload v2). */
import { handle } from 'hono/aws-lambda';
import { createApi } from './app';
import { defaultApiDeps } from './deps';

export const handler = handle(createApi(defaultApiDeps()));

/** Lambda entry point of the HTTP API (API Gateway HTTP API, payload v2). */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { lazyHandler } from '../lib/bootstrap';
import { createApi } from './app';
import { defaultApiDeps } from './deps';

export const handler = lazyHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context>(
  () =>
    handle(createApi(defaultApiDeps())) as (
      event: APIGatewayProxyEventV2,
      context: Context,
    ) => Promise<APIGatewayProxyResultV2>,
);

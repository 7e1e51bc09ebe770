/** What every route of the API receives: its dependencies, built once per process. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Config } from '../lib/config';
import type { Database } from '../lib/db/client';
import type { ReferenceData } from '../../shared/reference/index';
import type { Caller } from './middleware/auth';

export interface ApiDeps {
  config: Config;
  db: Database;
  now: () => Date;
  reference: () => Promise<ReferenceData>;
}

export interface ApiVariables {
  requestId: string;
  caller?: Caller;
  /** The request carried CloudFront's origin secret (production); its viewer-address header is then CloudFront's. */
  originVerified?: boolean;
}

export type ApiEnv = { Variables: ApiVariables };
export type ApiRouter = OpenAPIHono<ApiEnv>;

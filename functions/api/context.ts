/** What every route of the API receives: its dependencies, built once per process. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Config } from '../lib/config';
import type { AppContext } from '../lib/app-context';
import type { SessionClaims } from '../lib/auth/session';
import type { User } from '../../shared/schemas/user';

/** The application's context, with the configuration the routes read (limits, origin secrets, cookies). */
export interface ApiDeps extends AppContext {
  config: Config;
}

/** Who sent the request, once the session is checked. */
export interface Caller {
  user: User;
  session: SessionClaims;
  via: 'bearer' | 'cookie' | 'client';
  /** An API client's access token (middleware/api-client.ts): acts as its lessor on the lessor routes only. */
  client?: { id: string; name: string };
  /** The tenant's listing that is neither withdrawn nor exchanged, read with the session. */
  activeListingId?: string;
}

export interface ApiVariables {
  requestId: string;
  caller?: Caller;
  /** The request carried CloudFront's origin secret (production); its viewer-address header is then CloudFront's. */
  originVerified?: boolean;
}

export type ApiEnv = { Variables: ApiVariables };
export type ApiRouter = OpenAPIHono<ApiEnv>;

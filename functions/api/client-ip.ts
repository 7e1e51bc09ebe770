/** The client's IP address, for rate limits only (never logged). */
import type { Context } from 'hono';
import type { ApiEnv } from './context';
import { VIEWER_ADDRESS_HEADER } from './origin-headers';

interface LambdaEnv {
  event?: { requestContext?: { http?: { sourceIp?: string } } };
}
interface NodeEnv {
  incoming?: { socket?: { remoteAddress?: string } };
}

export function clientIp(c: Context<ApiEnv>): string {
  // Written by CloudFront at the edge; believed only when the request proved it came from there.
  if (c.get('originVerified')) {
    const viewer = c.req.header(VIEWER_ADDRESS_HEADER)?.trim();
    if (viewer) return viewer;
  }
  const env = c.env as (LambdaEnv & NodeEnv) | undefined;
  return (
    env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? 'unknown'
  );
}

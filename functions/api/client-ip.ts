/** The client's IP address, for rate limits only (never logged). */
import type { Context } from 'hono';

interface LambdaEnv {
  event?: { requestContext?: { http?: { sourceIp?: string } } };
}
interface NodeEnv {
  incoming?: { socket?: { remoteAddress?: string } };
}

export function clientIp(c: Context): string {
  // CloudFront puts the viewer's address here when the origin request policy forwards it.
  const viewer = c.req.header('cloudfront-viewer-address');
  if (viewer) return viewer.replace(/:\d+$/, '');
  const env = c.env as (LambdaEnv & NodeEnv) | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

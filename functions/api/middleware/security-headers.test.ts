import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers';

async function policyOf(
  options: Parameters<typeof securityHeaders>[0],
): Promise<Map<string, string>> {
  const app = new Hono().use('*', securityHeaders(options)).get('/', (c) => c.text('ok'));
  const header = (await app.request('/')).headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

describe('securityHeaders', () => {
  it('allows the photos bucket for uploads only: photos are read from the app origin', async () => {
    const policy = await policyOf({ https: false, photoUploadOrigin: 'http://127.0.0.1:4569/' });

    expect(policy.get('connect-src')).toBe("'self' http://127.0.0.1:4569");
    expect(policy.get('img-src')).toBe("'self' data: blob:");
    expect(policy.get('script-src')).not.toContain('127.0.0.1');
  });

  it('keeps everything same-origin without a photos endpoint', async () => {
    const policy = await policyOf({ https: true });

    expect(policy.get('connect-src')).toBe("'self'");
    expect(policy.get('img-src')).toBe("'self' data: blob:");
  });
});

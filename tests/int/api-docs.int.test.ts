/** The API reference page at /api/docs: served from this origin, with a policy of its own. */
import { describe, expect, it } from 'vitest';
import { api } from '../support/stack';

describe('the API reference page', () => {
  it('loads its renderer from this origin only, with no inline script allowed', async () => {
    const page = await api('/docs/');
    const html = await page.text();
    const policy = page.headers.get('content-security-policy') ?? '';
    const script = /<script src="([^"]+)"/.exec(html)?.[1] ?? '';

    const renderer = await api(script.replace(/^\/api/, ''));

    expect(page.status).toBe(200);
    expect(html).toContain('data-url="/api/openapi.json"');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(renderer.status).toBe(200);
    expect(renderer.headers.get('content-type')).toContain('javascript');
    expect((await renderer.text()).length).toBeGreaterThan(100_000);
  });

  it('leaves the rest of the API under its own policy', async () => {
    const health = await api('/health');

    expect(health.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(health.headers.get('content-security-policy')).not.toContain('worker-src');
  });

  it('sends /api/docs to the page', async () => {
    const response = await api('/docs', { redirect: 'manual' });

    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/api/docs/');
  });
});

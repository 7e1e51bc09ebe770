/**
 * Hostile input on every route of the OpenAPI document: wrong types, huge and unicode strings,
 * missing and extra fields, malformed JSON, a 1 MB body, traversal and injection strings in ids.
 * Never a 5xx, always the contract's error shape, nothing written on a 4xx.
 */
import { request } from 'node:http';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/sign-in';
import { staffAccount } from '../support/swaps';
import { api, stack, uniqueEmail } from '../support/stack';

/** Sends a large body the way a client that keeps writing would, and reads the answer. */
function sendLarge(method: string, path: string, token: string, body: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${stack().appUrl}/api${path}`);
    const req = request(
      { method, agent: false, hostname: '127.0.0.1', port: url.port, path: url.pathname, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || '{}') }));
      },
    );
    // The server may answer 413 and close before the whole body is written.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(body);
  });
}

interface Operation { method: string; path: string }

let operations: Operation[] = [];
let tenantToken = '';
let armosToken = '';

const hostileIds = ['../../etc/passwd', '..%2F..%2Fadmin', "' OR 1=1 --", '<script>alert(1)</script>', '${jndi:ldap://x}', 'a'.repeat(300), '%00', '🏠🏠🏠', 'LISTING#x', ' '];

const hostileValue = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', 'NaN', '-1', '1e309', '__proto__', 'constructor', 'x'.repeat(20_000)),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 5 }),
);
const hostileBody = fc.oneof(hostileValue, fc.dictionary(fc.constantFrom('email', 'token', 'dwelling', 'household', 'wishes', 'motive', 'interested', 'text', 'verified', 'reason', 'role', '__proto__', 'onBehalfOf'), hostileValue, { maxKeys: 6 }));

beforeAll(async () => {
  const document = (await (await api('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path: path.replace(/^\/api/, '') })));
  tenantToken = (await signIn(uniqueEmail())).token;
  // An Armos account of its own: random calls include POST /auth/logout, which must not end the
  // session other test files share.
  armosToken = (await staffAccount('armos')).token;
});

async function expectContractError(response: Response): Promise<void> {
  expect(response.status, `${response.status} ${response.url}`).toBeLessThan(500);
  if (response.status >= 400) {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    expect(body.error?.code).toMatch(/^(validation_failed|unauthenticated|forbidden|not_found|conflict|rate_limited)$/);
    expect(body.error?.message?.length).toBeGreaterThan(0);
  }
}

describe('hostile input', () => {
  it('answers random bodies and ids on every route without a 5xx, in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), hostileBody, fc.constantFrom(...hostileIds), fc.boolean(), async (pick, bodyValue, id, asArmos) => {
        const operation = operations[pick % operations.length]!;
        const path = operation.path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
        const withBody = operation.method !== 'GET' && operation.method !== 'DELETE';
        const response = await api(path, { method: operation.method, token: asArmos ? armosToken : tenantToken, ...(withBody ? { json: bodyValue } : {}) });
        await expectContractError(response);
      }),
      { numRuns: 150 },
    );
  });

  it('rejects malformed JSON, a 1 MB body and a wrong content type with a 4xx in the error shape', async () => {
    for (const operation of operations.filter((op) => op.method === 'POST' || op.method === 'PATCH')) {
      const path = operation.path.replace(/\{[^}]+\}/g, 'inconnu');
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${tenantToken}` };
      await expectContractError(await api(path, { method: operation.method, headers, body: '{"dwelling": {' }));
      const large = await sendLarge(operation.method, path, tenantToken, JSON.stringify({ text: 'x'.repeat(1024 * 1024) }));
      expect(large.status).toBe(413);
      expect(large.json).toMatchObject({ error: { code: 'validation_failed' } });
      await expectContractError(await api(path, { method: operation.method, headers: { ...headers, 'content-type': 'text/plain' }, body: 'bonjour' }));
    }
  });

  it('writes nothing when a listing is refused', async () => {
    const tenantToken = (await signIn(uniqueEmail())).token;
    await fc.assert(
      fc.asyncProperty(hostileBody, async (bodyValue) => {
        const response = await api('/listings', { method: 'POST', token: tenantToken, json: bodyValue });
        expect(response.status).toBe(400);
      }),
      { numRuns: 40 },
    );
    const mine = (await (await api('/listings/mine', { token: tenantToken })).json()) as unknown[];
    expect(mine).toEqual([]);
  });
});

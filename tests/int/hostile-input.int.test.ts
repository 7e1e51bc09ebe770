/**
 * Hostile input on every route of the OpenAPI document: wrong types, huge and unicode strings,
 * missing and extra fields, malformed JSON, a 1 MB body, traversal and injection strings in ids,
 * in every query parameter the document declares, and forged pagination cursors.
 * Never a 5xx, always the contract's error shape, nothing written on a 4xx.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenantWithListing } from '../support/authorization-world';
import { listingInput } from '../support/factories';
import { signIn } from '../support/sign-in';
import { staffAccount } from '../support/swaps';
import { api, uniqueEmail } from '../support/stack';
import { forgedCursors, hostileBody, hostileIds, sendLarge } from '../support/hostile-values';

interface Operation {
  method: string;
  path: string;
  query: string[];
}
interface DocumentOperation {
  parameters?: Array<{ in: string; name: string }>;
}

let operations: Operation[] = [];
let tenantToken = '';
let armosToken = '';

/** Sessions of their own for the tests after the random one (which may call POST /auth/logout). */
async function freshSessions() {
  const [tenant, accueil, lessor, armos] = await Promise.all([
    signIn(uniqueEmail()),
    staffAccount('accueil'),
    staffAccount('lessor', 'SIDR'),
    staffAccount('armos'),
  ]);
  return { tenant: tenant.token, accueil: accueil.token, lessor: lessor.token, armos: armos.token };
}

beforeAll(async () => {
  const document = (await (await api('/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  operations = Object.entries(
    document.paths as Record<string, Record<string, DocumentOperation>>,
  ).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path: path.replace(/^\/api/, ''),
      query: (op.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => parameter.name),
    })),
  );
  tenantToken = (await signIn(uniqueEmail())).token;
  // An Armos account of its own: random calls include POST /auth/logout, which must not end the
  // session other test files share.
  armosToken = (await staffAccount('armos')).token;
});

async function expectContractError(response: Response): Promise<void> {
  expect(response.status, `${response.status} ${response.url}`).toBeLessThan(500);
  if (response.status >= 400 && response.url.endsWith('/api/oauth/token')) {
    // The token endpoint answers in RFC 6749's shape (§5.2), as OAuth clients expect.
    const body = (await response.json()) as { error?: string; error_description?: string };
    expect(body.error).toMatch(
      /^(invalid_request|invalid_client|unsupported_grant_type|slow_down)$/,
    );
    expect(body.error_description?.length).toBeGreaterThan(0);
  } else if (response.status >= 400) {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    expect(body.error?.code).toMatch(
      /^(validation_failed|unauthenticated|forbidden|not_found|conflict|rate_limited)$/,
    );
    expect(body.error?.message?.length).toBeGreaterThan(0);
  }
}

describe('hostile input', () => {
  it('answers random bodies and ids on every route without a 5xx, in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        hostileBody,
        fc.constantFrom(...hostileIds),
        fc.boolean(),
        async (pick, bodyValue, id, asArmos) => {
          const operation = operations[pick % operations.length]!;
          const path = operation.path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
          const withBody = operation.method !== 'GET' && operation.method !== 'DELETE';
          const response = await api(path, {
            method: operation.method,
            token: asArmos ? armosToken : tenantToken,
            ...(withBody ? { json: bodyValue } : {}),
          });
          await expectContractError(response);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers random values in every declared query parameter, on every route, without a 5xx', async () => {
    const tokens = await freshSessions();
    const withQuery = operations.filter((operation) => operation.query.length > 0);
    expect(withQuery.map((operation) => operation.path)).toEqual(
      expect.arrayContaining([
        '/lessor/listings',
        '/swaps',
        '/matches',
        '/admin/audit',
        '/stats/quartiers',
      ]),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.oneof(
              fc.string({ maxLength: 60 }),
              fc.string({ unit: 'grapheme', maxLength: 100 }),
              fc.constantFrom(
                ...hostileIds,
                ...forgedCursors,
                '-1',
                '0',
                '1e309',
                'NaN',
                'x'.repeat(5000),
              ),
            ),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        fc.constantFrom('tenant', 'accueil', 'lessor', 'armos'),
        async (pick, values, who) => {
          const operation = withQuery[pick % withQuery.length]!;
          const search = new URLSearchParams(
            values.map(([index, value]) => [
              operation.query[index % operation.query.length]!,
              value,
            ]),
          );
          const path = operation.path.replace(/\{[^}]+\}/g, 'inconnu');
          const token = tokens[who];
          await expectContractError(
            await api(`${path}?${search.toString()}`, { method: operation.method, token }),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers every hostile value in every path and query parameter of every route, one by one, without a 5xx', async () => {
    const { tenant, armos } = await freshSessions();
    const values = [...hostileIds, ...forgedCursors.slice(0, 3), '-1', '1e309', 'x'.repeat(5000)];
    let calls = 0;
    for (const operation of operations.filter(
      (op) => op.path !== '/auth/logout' && !(op.method === 'DELETE' && op.path === '/me'),
    )) {
      const pathParameters = operation.path.match(/\{[^}]+\}/g) ?? [];
      for (const value of values) {
        for (const token of [tenant, armos]) {
          for (const target of pathParameters) {
            const path = operation.path.replace(/\{[^}]+\}/g, (name) =>
              name === target ? encodeURIComponent(value) : 'inconnu',
            );
            await expectContractError(await api(path, { method: operation.method, token }));
            calls += 1;
          }
          for (const name of operation.query) {
            const path = operation.path.replace(/\{[^}]+\}/g, 'inconnu');
            await expectContractError(
              await api(`${path}?${new URLSearchParams({ [name]: value }).toString()}`, {
                method: operation.method,
                token,
              }),
            );
            calls += 1;
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(300);
  });

  it('answers a forged pagination cursor with 400 validation_failed on every paged list', async () => {
    const { lessor, armos, tenant } = await freshSessions();
    const lists = [
      { path: '/matches?limit=20', token: tenant },
      // A well-formed cursor of the unfiltered list, on the list of agreed proposals.
      { path: '/matches?filter=mutual&cursor=all.3.0999200%230%23abc', token: tenant },
      { path: '/lessor/listings?verification=pending', token: lessor },
      { path: '/lessor/listings?verification=pending&lessorId=SIDR', token: armos },
      { path: '/swaps', token: lessor },
      { path: '/swaps', token: armos },
      { path: '/swaps?status=under_review', token: armos },
      { path: '/swaps?lessorId=SIDR', token: armos },
    ];
    for (const { path, token } of lists) {
      for (const cursor of forgedCursors) {
        const response = await api(
          `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`,
          { token },
        );
        expect(response.status, `${path} ${cursor}`).toBe(400);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
          'validation_failed',
        );
      }
    }
  });

  it('refuses a cursor of one list on another, and takes back its own', async () => {
    const { armos: armosToken } = await freshSessions();
    await Promise.all([tenantWithListing('SIDR'), tenantWithListing('SIDR')]);
    const armosSidr = (await (
      await api('/lessor/listings?verification=pending&lessorId=SIDR&limit=1', {
        token: armosToken,
      })
    ).json()) as { nextCursor?: string };
    expect(armosSidr.nextCursor).toEqual(expect.any(String));

    const own = await api(
      `/lessor/listings?verification=pending&lessorId=SIDR&limit=1&cursor=${armosSidr.nextCursor}`,
      { token: armosToken },
    );
    const elsewhere = await api(
      `/lessor/listings?verification=pending&lessorId=SHLMR&limit=1&cursor=${armosSidr.nextCursor}`,
      { token: armosToken },
    );

    expect(own.status).toBe(200);
    expect(elsewhere.status).toBe(400);
  });

  it('rejects malformed JSON, a 1 MB body and a wrong content type with a 4xx in the error shape', async () => {
    for (const operation of operations.filter(
      (op) => op.method === 'POST' || op.method === 'PATCH',
    )) {
      const path = operation.path.replace(/\{[^}]+\}/g, 'inconnu');
      const headers = {
        'content-type': 'application/json',
        authorization: `Bearer ${tenantToken}`,
      };
      await expectContractError(
        await api(path, { method: operation.method, headers, body: '{"dwelling": {' }),
      );
      const large = await sendLarge(
        operation.method,
        path,
        tenantToken,
        JSON.stringify({ text: 'x'.repeat(1024 * 1024) }),
      );
      expect(large.status).toBe(413);
      expect(large.json).toMatchObject({ error: { code: 'validation_failed' } });
      await expectContractError(
        await api(path, {
          method: operation.method,
          headers: { ...headers, 'content-type': 'text/plain' },
          body: 'bonjour',
        }),
      );
    }
  });

  it('refuses a name that is not one, on PATCH /me and for a tenant an agent registers', async () => {
    const { tenant: tenantToken, accueil: agentToken } = await freshSessions();
    for (const name of [
      '<img src=x onerror=alert(1)>',
      'Gagnez 1000 € sur https://x.re',
      'Jean\r\nBcc: tous@exemple.re',
      'a'.repeat(61),
    ]) {
      const me = await api('/me', {
        method: 'PATCH',
        token: tenantToken,
        json: { displayName: name },
      });
      const onBehalf = await api('/listings', {
        method: 'POST',
        token: agentToken,
        json: { ...listingInput(), onBehalfOf: { name, consent: true } },
      });
      for (const response of [me, onBehalf]) {
        expect(response.status, name).toBe(400);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
          'validation_failed',
        );
      }
    }
  });

  it('writes nothing when a listing is refused', async () => {
    const tenantToken = (await signIn(uniqueEmail())).token;
    await fc.assert(
      fc.asyncProperty(hostileBody, async (bodyValue) => {
        const response = await api('/listings', {
          method: 'POST',
          token: tenantToken,
          json: bodyValue,
        });
        expect(response.status).toBe(400);
      }),
      { numRuns: 40 },
    );
    const mine = (await (await api('/listings/mine', { token: tenantToken })).json()) as unknown[];
    expect(mine).toEqual([]);
  });
});

/**
 * The authorization matrix: every route of the OpenAPI document × anonymous and every role ×
 * own vs someone else's resource, with the exact status expected. A route added to the API
 * without a row here fails the first test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_AND_STAFF_ROWS } from '../support/authorization-matrix/accounts-and-staff';
import { callerFor, prepareCallers, requestBody } from '../support/authorization-matrix/callers';
import type { Row } from '../support/authorization-matrix/cells';
import { LISTING_AND_PROPOSAL_ROWS } from '../support/authorization-matrix/listings-and-proposals';
import { SWAP_AND_OVERSIGHT_ROWS } from '../support/authorization-matrix/swaps-and-oversight';
import { ROLES, tenantWithListing, type Ownership } from '../support/authorization-world';
import { api } from '../support/stack';

const MATRIX: Record<string, Row> = {
  ...ACCOUNT_AND_STAFF_ROWS,
  ...LISTING_AND_PROPOSAL_ROWS,
  ...SWAP_AND_OVERSIGHT_ROWS,
};

beforeAll(prepareCallers);

describe('authorization matrix', () => {
  it('has a row for every route of the OpenAPI document, and no row for a route that does not exist', async () => {
    const document = (await (await api('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );

    expect(routes.filter((route) => !(route in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((route) => !routes.includes(route))).toEqual([]);
  });

  const cells = Object.entries(MATRIX).flatMap(([route, row]) =>
    ROLES.flatMap((who) => {
      const cell = row.expect[who];
      return typeof cell === 'number'
        ? [{ route, row, who, ownership: 'own' as Ownership, expected: cell }]
        : (['own', 'other'] as const).map((ownership) => ({
            route,
            row,
            who,
            ownership,
            expected: cell[ownership],
          }));
    }),
  );

  it.each(
    cells.map((c) => [`${c.route} as ${c.who} (${c.ownership}) → ${c.expected}`, c] as const),
  )('%s', async (_name, { route, row, who, ownership, expected }) => {
    const { actor, context } = await callerFor(row, who, ownership, expected);
    const [method] = route.split(' ');
    const { path, body: rowBody } = row.request(context);

    const response = await api(path, {
      method,
      token: actor.token,
      ...(rowBody !== undefined ? { json: requestBody(route, who, rowBody) } : {}),
    });

    expect(response.status, await response.clone().text()).toBe(expected);
    if (expected >= 400) {
      // The API's `{error:{code}}`, or RFC 6749's `{error}` on the token endpoint.
      const { error } = (await response.json()) as { error: string | { code: string } };
      expect(typeof error === 'string' ? error : error.code).toMatch(/^[a-z_]+$/);
    }
  });
});

describe('fixtures of the matrix', () => {
  it('gives each tenant its own listing', async () => {
    const a = await tenantWithListing('SIDR');
    const b = await tenantWithListing('SIDR');

    expect(a.listingId).not.toBe(b.listingId);
  });
});

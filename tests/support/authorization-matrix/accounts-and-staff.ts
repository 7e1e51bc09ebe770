/**
 * Rows of the authorization matrix (accounts, staff screens, lessors' integrations): for each route, what it acts on and the status every
 * caller gets, own resource and someone else's. Read with `tests/int/authorization.int.test.ts`.
 */
import { everyone, allowOnly, type Row } from './cells';
import { uniqueEmail } from '../stack';

export const ACCOUNT_AND_STAFF_ROWS: Record<string, Row> = {
  'GET /api/health': { request: () => ({ path: '/health' }), expect: everyone(200) },
  'GET /api/ref': { request: () => ({ path: '/ref' }), expect: everyone(200) },
  'POST /api/auth/login': {
    request: () => ({ path: '/auth/login', body: { email: uniqueEmail() } }),
    expect: everyone(202),
  },
  'POST /api/auth/verify': {
    request: () => ({ path: '/auth/verify', body: { token: 'x'.repeat(43) } }),
    expect: everyone(400),
  },
  'POST /api/auth/logout': {
    freshSession: true,
    request: () => ({ path: '/auth/logout' }),
    expect: everyone(204, 401),
  },
  'GET /api/me': { request: () => ({ path: '/me' }), expect: everyone(200, 401) },
  'PATCH /api/me': {
    request: () => ({ path: '/me', body: { displayName: 'Essai' } }),
    expect: everyone(200, 401),
  },
  'DELETE /api/me': {
    freshSession: true,
    request: () => ({ path: '/me' }),
    expect: allowOnly({ tenant: 204 }),
  },
  'GET /api/me/export': {
    request: () => ({ path: '/me/export' }),
    expect: allowOnly({ tenant: 200 }),
  },
  'POST /api/admin/users': {
    request: () => ({ path: '/admin/users', body: { email: uniqueEmail('agent'), role: 'cinor' } }),
    expect: allowOnly({ armos: 201 }),
  },
  'GET /api/admin/users': {
    request: () => ({ path: '/admin/users' }),
    expect: allowOnly({ armos: 200 }),
  },
  // An unknown account: Armos reaches the lookup (404), nobody else does.
  'POST /api/admin/users/{id}/deactivate': {
    request: () => ({ path: '/admin/users/inconnu/deactivate' }),
    expect: allowOnly({ armos: 404 }),
  },
  'POST /api/admin/users/{id}/reactivate': {
    request: () => ({ path: '/admin/users/inconnu/reactivate' }),
    expect: allowOnly({ armos: 404 }),
  },
  'PUT /api/admin/reception-points/{id}': {
    request: () => ({
      path: '/admin/reception-points/matrice-essai',
      body: { kind: 'PILS', name: 'Point d’essai', communeCode: '97418', place: 'Mairie annexe' },
    }),
    expect: allowOnly({ armos: 200 }),
  },
  'DELETE /api/admin/reception-points/{id}': {
    request: () => ({ path: '/admin/reception-points/inconnu-matrice' }),
    expect: allowOnly({ armos: 404 }),
  },
  'GET /api/admin/audit': {
    request: () => ({ path: '/admin/audit?actorId=someone' }),
    expect: allowOnly({ armos: 200 }),
  },
  'GET /api/admin/audit/entries': {
    request: () => ({ path: '/admin/audit/entries?action=listing-verified' }),
    expect: allowOnly({ armos: 200 }),
  },
  'GET /api/admin/dashboard': {
    request: () => ({ path: '/admin/dashboard' }),
    expect: allowOnly({ armos: 200 }),
  },
  // Armos must name the lessor (400 without); a lessor exports its own.
  'GET /api/lessor/export': {
    request: () => ({ path: '/lessor/export?kind=reviews' }),
    expect: allowOnly({ lessor: 200, armos: 400 }),
  },
  'GET /api/admin/income-ceilings': {
    request: () => ({ path: '/admin/income-ceilings' }),
    expect: allowOnly({ armos: 200 }),
  },
  // A year nobody reads (2099): the matrix never changes this year's pre-check.
  'PUT /api/admin/income-ceilings': {
    request: () => ({
      path: '/admin/income-ceilings',
      body: {
        year: 2099,
        source: 'Barème d’essai de la matrice',
        financings: { LLS: { categories: [1, 2, 3, 4, 5, 6], extraPerson: 1 } },
      },
    }),
    expect: allowOnly({ armos: 200 }),
  },
  'POST /api/admin/api-clients': {
    request: () => ({ path: '/admin/api-clients', body: { lessorId: 'SIDR', name: 'Matrice' } }),
    expect: allowOnly({ armos: 201 }),
  },
  'GET /api/admin/api-clients': {
    request: () => ({ path: '/admin/api-clients' }),
    expect: allowOnly({ armos: 200 }),
  },
  'DELETE /api/admin/api-clients/{id}': {
    request: () => ({ path: '/admin/api-clients/inconnu' }),
    expect: allowOnly({ armos: 404 }),
  },
  // An event never emitted yet: the matrix's endpoints receive nothing.
  'POST /api/lessor/webhooks': {
    request: () => ({
      path: '/lessor/webhooks',
      body: {
        url: 'http://localhost:9/matrice',
        events: ['vacancy.chain_found'],
        lessorId: 'SIDR',
      },
    }),
    expect: allowOnly({ lessor: 201, armos: 201 }),
  },
  'GET /api/lessor/webhooks': {
    request: () => ({ path: '/lessor/webhooks?lessorId=SIDR' }),
    expect: allowOnly({ lessor: 200, armos: 200 }),
  },
  'DELETE /api/lessor/webhooks/{id}': {
    request: () => ({ path: '/lessor/webhooks/inconnu?lessorId=SIDR' }),
    expect: allowOnly({ lessor: 404, armos: 404 }),
  },
  'GET /api/lessor/webhooks/{id}/deliveries': {
    request: () => ({ path: '/lessor/webhooks/inconnu/deliveries?lessorId=SIDR' }),
    expect: allowOnly({ lessor: 404, armos: 404 }),
  },
  // Sessions play no part: without client credentials everyone gets RFC 6749's invalid_request.
  'POST /api/oauth/token': {
    request: () => ({ path: '/oauth/token', body: { grant_type: 'client_credentials' } }),
    expect: everyone(400),
  },
};

/**
 * Rows of the authorization matrix (swaps, reports, moderation, statistics, plan): for each route, what it acts on and the status every
 * caller gets, own resource and someone else's. Read with `tests/int/authorization.int.test.ts`.
 */
import { allowOnly, type Row } from './cells';
import { sharedMatch } from './callers';
import { AGENT_CONSENT } from '../swap-fixture';

export const SWAP_AND_OVERSIGHT_ROWS: Record<string, Row> = {
  'POST /api/swaps': {
    on: 'mutual',
    fresh: true,
    request: ({ matchId }) => ({ path: '/swaps', body: { matchId, consent: AGENT_CONSENT } }),
    expect: {
      anonymous: 401,
      tenant: { own: 201, other: 404 },
      accueil: { own: 201, other: 404 },
      otherAgent: 404,
      lessor: 403,
      armos: 403,
      cinor: 403,
    },
  },
  'GET /api/assistance/queue': {
    request: () => ({ path: '/assistance/queue' }),
    expect: allowOnly({ accueil: 200 }),
  },
  'GET /api/swaps': {
    request: () => ({ path: '/swaps' }),
    expect: allowOnly({ lessor: 200, armos: 200 }),
  },
  'GET /api/swaps/{id}': {
    on: 'swap',
    request: ({ swapId }) => ({ path: `/swaps/${swapId}` }),
    expect: {
      anonymous: 401,
      tenant: { own: 200, other: 404 },
      accueil: { own: 200, other: 404 },
      otherAgent: 404,
      lessor: { own: 200, other: 404 },
      armos: 200,
      cinor: 403,
    },
  },
  'POST /api/swaps/{id}/confirm': {
    on: 'swap',
    // The requester confirmed when requesting: a second confirmation is a state conflict.
    request: ({ swapId }) => ({
      path: `/swaps/${swapId}/confirm`,
      body: { consent: AGENT_CONSENT },
    }),
    expect: {
      anonymous: 401,
      tenant: { own: 409, other: 404 },
      accueil: { own: 409, other: 404 },
      otherAgent: 404,
      lessor: 403,
      armos: 403,
      cinor: 403,
    },
  },
  'POST /api/swaps/{id}/reviews': {
    on: 'swap',
    // Not under review yet (awaiting confirmations): who may review reaches the state check.
    request: ({ swapId, listingId }) => ({
      path: `/swaps/${swapId}/reviews`,
      body: { listingId, decision: 'approved' },
    }),
    expect: {
      anonymous: 401,
      tenant: 403,
      accueil: 403,
      otherAgent: 403,
      lessor: { own: 409, other: 404 },
      armos: 409,
      cinor: 403,
    },
  },
  'POST /api/swaps/{id}/complete': {
    on: 'swap',
    request: ({ swapId }) => ({
      path: `/swaps/${swapId}/complete`,
      body: { effectiveDate: '2027-02-01' },
    }),
    expect: {
      anonymous: 401,
      tenant: 403,
      accueil: 403,
      otherAgent: 403,
      lessor: { own: 409, other: 404 },
      armos: 409,
      cinor: 403,
    },
  },
  'POST /api/swaps/{id}/cancel': {
    on: 'swap',
    fresh: true,
    request: ({ swapId }) => ({
      path: `/swaps/${swapId}/cancel`,
      body: { reason: 'Nous avons changé d’avis.' },
    }),
    expect: {
      anonymous: 401,
      tenant: { own: 200, other: 404 },
      accueil: { own: 200, other: 404 },
      otherAgent: 404,
      lessor: 403,
      armos: 200,
      cinor: 403,
    },
  },
  'GET /api/swaps/{id}/file.pdf': {
    on: 'swap',
    request: ({ swapId }) => ({ path: `/swaps/${swapId}/file.pdf` }),
    expect: {
      anonymous: 401,
      tenant: 403,
      accueil: 403,
      otherAgent: 403,
      lessor: { own: 200, other: 404 },
      armos: 200,
      cinor: 403,
    },
  },
  'POST /api/reports': {
    on: 'match',
    request: ({ matchId }) => ({
      path: '/reports',
      body: {
        matchId,
        listingId: sharedMatch().partner.listingId,
        reason: 'Propos déplacés au téléphone.',
      },
    }),
    expect: {
      anonymous: 401,
      tenant: { own: 201, other: 404 },
      accueil: 404,
      otherAgent: 404,
      lessor: 403,
      armos: 403,
      cinor: 403,
    },
  },
  'GET /api/reports': { request: () => ({ path: '/reports' }), expect: allowOnly({ armos: 200 }) },
  'POST /api/listings/{id}/suspend': {
    on: 'listing',
    fresh: true,
    request: ({ listingId }) => ({
      path: `/listings/${listingId}/suspend`,
      body: { reason: 'Signalements répétés.' },
    }),
    expect: {
      anonymous: 401,
      tenant: 403,
      accueil: 403,
      otherAgent: 403,
      lessor: 403,
      armos: 200,
      cinor: 403,
    },
  },
  'POST /api/listings/{id}/reinstate': {
    on: 'listing',
    // Not suspended: Armos reaches the state check (409).
    request: ({ listingId }) => ({ path: `/listings/${listingId}/reinstate` }),
    expect: {
      anonymous: 401,
      tenant: 403,
      accueil: 403,
      otherAgent: 403,
      lessor: 403,
      armos: 409,
      cinor: 403,
    },
  },
  'GET /api/stats/quartiers': {
    request: () => ({ path: '/stats/quartiers?from=2026-01&to=2026-12' }),
    expect: allowOnly({ armos: 200, cinor: 200 }),
  },
  'GET /api/stats/communes': {
    request: () => ({ path: '/stats/communes?from=2026-01&to=2026-12' }),
    expect: allowOnly({ armos: 200, cinor: 200 }),
  },
  'GET /api/plan': { request: () => ({ path: '/plan' }), expect: allowOnly({ armos: 200 }) },
  'GET /api/stats/flows': {
    request: () => ({ path: '/stats/flows?from=2026-01&to=2026-12' }),
    expect: allowOnly({ armos: 200, cinor: 200 }),
  },
};

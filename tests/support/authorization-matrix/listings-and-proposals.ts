/**
 * Rows of the authorization matrix (listings, photos, proposals, messages): for each route, what it acts on and the status every
 * caller gets, own resource and someone else's. Read with `tests/int/authorization.int.test.ts`.
 */
import { everyone, allowOnly, type Row } from './cells';
import { listingInput } from '../factories';
import { AGENT_CONSENT } from '../swap-fixture';
import { vacancyBody } from '../vacancies';

export const LISTING_AND_PROPOSAL_ROWS: Record<string, Row> = {
  'POST /api/listings': {
    freshSession: true,
    request: () => ({
      path: '/listings',
      body: { ...listingInput(), onBehalfOfPlaceholder: true },
    }),
    expect: allowOnly({ tenant: 201, accueil: 201 }),
  },
  'GET /api/listings/mine': {
    request: () => ({ path: '/listings/mine' }),
    expect: allowOnly({ tenant: 200 }),
  },
  'GET /api/listings/managed': {
    request: () => ({ path: '/listings/managed' }),
    expect: allowOnly({ accueil: 200 }),
  },
  'POST /api/lessor/vacancies': {
    on: 'vacancy',
    request: ({ vacancyLessorId }) => ({
      path: '/lessor/vacancies',
      body: vacancyBody({ lessorId: vacancyLessorId }),
    }),
    expect: { ...allowOnly({}), armos: { own: 201, other: 201 }, lessor: { own: 201, other: 403 } },
  },
  'GET /api/lessor/vacancies': {
    request: () => ({ path: '/lessor/vacancies' }),
    expect: allowOnly({ lessor: 200, armos: 200 }),
  },
  'POST /api/lessor/vacancies/{id}/withdraw': {
    on: 'vacancy',
    request: ({ vacancyId }) => ({ path: `/lessor/vacancies/${vacancyId}/withdraw` }),
    expect: { ...allowOnly({}), armos: { own: 200, other: 200 }, lessor: { own: 200, other: 404 } },
  },
  'POST /api/lessor/vacancies/{id}/renew': {
    on: 'vacancy',
    request: ({ vacancyId }) => ({ path: `/lessor/vacancies/${vacancyId}/renew` }),
    expect: { ...allowOnly({}), armos: { own: 200, other: 200 }, lessor: { own: 200, other: 404 } },
  },
  'GET /api/lessor/listings': {
    request: () => ({ path: '/lessor/listings?verification=pending' }),
    expect: allowOnly({ lessor: 200, armos: 200 }),
  },
  'GET /api/listings/{id}': {
    on: 'listing',
    request: ({ listingId }) => ({ path: `/listings/${listingId}` }),
    expect: {
      anonymous: 401,
      tenant: { own: 200, other: 404 },
      accueil: { own: 200, other: 404 },
      otherAgent: 404,
      lessor: { own: 200, other: 404 },
      armos: 200,
      cinor: 404,
    },
  },
  'PATCH /api/listings/{id}': {
    on: 'listing',
    request: ({ listingId }) => ({ path: `/listings/${listingId}`, body: { motive: 'work' } }),
    expect: {
      anonymous: 401,
      tenant: { own: 200, other: 404 },
      accueil: { own: 200, other: 404 },
      otherAgent: 404,
      lessor: { own: 403, other: 404 },
      armos: 403,
      cinor: 404,
    },
  },
  'POST /api/listings/{id}/publish': {
    on: 'listing',
    fresh: true,
    request: ({ listingId }) => ({ path: `/listings/${listingId}/publish` }),
    expect: {
      anonymous: 401,
      tenant: { own: 200, other: 404 },
      accueil: { own: 200, other: 404 },
      otherAgent: 404,
      lessor: { own: 403, other: 404 },
      armos: 403,
      cinor: 404,
    },
  },
  'POST /api/listings/{id}/withdraw': {
    on: 'listing',
    fresh: true,
    request: ({ listingId }) => ({ path: `/listings/${listingId}/withdraw` }),
    expect: {
      anonymous: 401,
      tenant: { own: 200, other: 404 },
      accueil: { own: 200, other: 404 },
      otherAgent: 404,
      lessor: { own: 403, other: 404 },
      armos: 403,
      cinor: 404,
    },
  },
  'POST /api/listings/{id}/renew': {
    on: 'listing',
    request: ({ listingId }) => ({ path: `/listings/${listingId}/renew` }),
    // A draft cannot be renewed: the owner reaches the state check (409), nobody else does.
    expect: {
      anonymous: 401,
      tenant: { own: 409, other: 404 },
      accueil: { own: 409, other: 404 },
      otherAgent: 404,
      lessor: { own: 403, other: 404 },
      armos: 403,
      cinor: 404,
    },
  },
  'POST /api/listings/{id}/verification': {
    on: 'listing',
    fresh: true,
    request: ({ listingId }) => ({
      path: `/listings/${listingId}/verification`,
      body: { verified: true },
    }),
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
  'POST /api/listings/{id}/photos': {
    on: 'listing',
    request: ({ listingId }) => ({
      path: `/listings/${listingId}/photos`,
      body: { contentType: 'image/jpeg', size: 1000 },
    }),
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
  'GET /api/listings/{id}/photos': {
    on: 'listing',
    request: ({ listingId }) => ({ path: `/listings/${listingId}/photos` }),
    expect: {
      anonymous: 401,
      tenant: { own: 200, other: 404 },
      accueil: { own: 200, other: 404 },
      otherAgent: 404,
      lessor: { own: 200, other: 404 },
      armos: 200,
      cinor: 404,
    },
  },
  'DELETE /api/listings/{id}/photos/{photoId}': {
    on: 'listing',
    // No such photo: who may delete reaches the photo lookup (404); staff who may only read get 403.
    request: ({ listingId }) => ({ path: `/listings/${listingId}/photos/inconnue` }),
    expect: {
      anonymous: 401,
      tenant: 404,
      accueil: 404,
      otherAgent: 404,
      lessor: { own: 403, other: 404 },
      armos: 404,
      cinor: 404,
    },
  },
  'DELETE /api/listings/{id}/assistance': {
    on: 'assisted',
    fresh: true,
    request: ({ listingId }) => ({ path: `/listings/${listingId}/assistance` }),
    // The agent may read the listing it manages but not end its own delegation.
    expect: {
      anonymous: 401,
      tenant: { own: 204, other: 404 },
      accueil: 403,
      otherAgent: 404,
      lessor: { own: 403, other: 404 },
      armos: 204,
      cinor: 404,
    },
  },
  'POST /api/listings/renew-by-link': {
    request: () => ({ path: '/listings/renew-by-link', body: { token: 'x'.repeat(43) } }),
    expect: everyone(400),
  },
  'GET /api/matches': {
    request: () => ({ path: '/matches' }),
    expect: allowOnly({ tenant: 200, accueil: 200 }),
  },
  'GET /api/matches/summary': {
    request: () => ({ path: '/matches/summary' }),
    expect: allowOnly({ tenant: 200, accueil: 404 }),
  },
  'GET /api/matches/{id}': {
    on: 'match',
    request: ({ matchId }) => ({ path: `/matches/${matchId}` }),
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
  'POST /api/matches/{id}/interest': {
    on: 'match',
    request: ({ matchId }) => ({
      path: `/matches/${matchId}/interest`,
      body: { interested: true, consent: AGENT_CONSENT },
    }),
    expect: {
      anonymous: 401,
      tenant: { own: 200, other: 404 },
      accueil: { own: 200, other: 404 },
      otherAgent: 404,
      lessor: 403,
      armos: 403,
      cinor: 403,
    },
  },
  'POST /api/matches/{id}/visit': {
    on: 'match',
    // Not mutual yet: a participant reaches the state check (409).
    request: ({ matchId }) => ({
      path: `/matches/${matchId}/visit`,
      body: { suitable: true, consent: AGENT_CONSENT },
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
  'GET /api/matches/{id}/messages': {
    on: 'match',
    request: ({ matchId }) => ({ path: `/matches/${matchId}/messages` }),
    // Not mutual yet: a participant reaches the state check (409).
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
  'POST /api/matches/{id}/messages': {
    on: 'match',
    request: ({ matchId }) => ({ path: `/matches/${matchId}/messages`, body: { text: 'Bonjour' } }),
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
};

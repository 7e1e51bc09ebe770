/**
 * The authorization matrix: every route of the OpenAPI document × anonymous and every role ×
 * own vs someone else's resource, with the exact status expected. A route added to the API
 * without a row here fails the first test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { listingInput } from '../support/factories';
import { assistedTenant, newAgent } from '../support/agents';
import { createMatchFixture, type MatchFixture } from '../support/match-fixture';
import {
  AGENT_CONSENT,
  mutualMatch,
  requestedSwap,
  type SwapFixture,
} from '../support/swap-fixture';
import {
  AuthorizationWorld,
  ROLES,
  tenantWithListing,
  type Actor,
  type Ownership,
  type Who,
} from '../support/authorization-world';
import { signIn } from '../support/sign-in';
import { postedVacancy, vacancyBody } from '../support/vacancies';
import { api, uniqueEmail } from '../support/stack';

type Cell = number | { own: number; other: number };
interface Context {
  listingId: string;
  matchId: string;
  swapId?: string;
  /** For `on: 'vacancy'`: the lessor agent's own lessor (SIDR) or another (SHLMR), and a vacancy of it. */
  vacancyLessorId?: string;
  vacancyId?: string;
}
interface Row {
  /**
   * What the cells act on: nothing, a listing, a listing a reception agent manages for a tenant
   * with an account, a proposal, a mutual proposal or a requested swap.
   */
  on?: 'listing' | 'assisted' | 'match' | 'mutual' | 'swap' | 'vacancy';
  /** Successful cells change state: give them a fresh resource (and a fresh session when it ends). */
  fresh?: boolean;
  freshSession?: boolean;
  request: (context: Context) => { path: string; body?: unknown };
  expect: Record<Who, Cell>;
}

const everyone = (status: number, anonymous = status): Record<Who, Cell> => ({
  anonymous,
  tenant: status,
  accueil: status,
  otherAgent: status,
  lessor: status,
  armos: status,
  cinor: status,
});
/** Routes without a resource: another agent is answered like the agent. */
const allowOnly = (allowed: Partial<Record<Who, Cell>>, denied = 403): Record<Who, Cell> => ({
  ...everyone(denied, 401),
  ...(allowed.accueil !== undefined ? { otherAgent: allowed.accueil } : {}),
  ...allowed,
});
const body = (b: unknown) => b;

const MATRIX: Record<string, Row> = {
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
        listingId: matchFixture.partner.listingId,
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

const world = new AuthorizationWorld();
/** Shared swaps: one whose dwellings are SIDR's (the lessor actor's own), one of SHLMR. */
const sharedSwaps = new Map<string, Promise<SwapFixture>>();
const sharedSwap = (lessorId: string, assisted: boolean) => {
  const key = `${lessorId}:${assisted}`;
  if (!sharedSwaps.has(key)) sharedSwaps.set(key, requestedSwap(lessorId, { assisted }));
  return sharedSwaps.get(key)!;
};
let matchFixture: MatchFixture;
/** A proposal whose participant's listing the seeded agent manages, made when first needed. */
let assistedMatchFixture: Promise<MatchFixture> | undefined;

beforeAll(async () => {
  matchFixture = await createMatchFixture();
});

async function callerFor(
  row: Row,
  who: Who,
  ownership: Ownership,
  expected: number,
): Promise<{ actor: Actor; context: Context }> {
  const success = expected >= 200 && expected < 300;
  // The agent's own resources, and every resource another agent tries, are those of a tenant the seeded agent assists.
  const assisted = who === 'otherAgent' || (who === 'accueil' && ownership === 'own');
  if (row.on === 'vacancy') {
    const vacancyLessorId = ownership === 'own' ? 'SIDR' : 'SHLMR';
    const vacancyId = await postedVacancy(vacancyLessorId);
    const context = { listingId: '', matchId: '', vacancyLessorId, vacancyId };
    return { actor: await world.actor(who), context };
  }
  if (row.on === 'mutual' || row.on === 'swap') {
    // Own: the tenant who requested it (or their agent), or the lessor whose dwellings it concerns (SIDR).
    const lessorId =
      ownership === 'own' && (who === 'tenant' || who === 'lessor') ? 'SIDR' : 'SHLMR';
    const fixture =
      row.on === 'mutual'
        ? { ...(await mutualMatch(lessorId, { assisted })), swapId: '' }
        : success && row.fresh
          ? await requestedSwap(lessorId, { assisted })
          : await sharedSwap(lessorId, assisted);
    const actor =
      (who === 'tenant' || who === 'accueil') && ownership === 'own'
        ? { token: fixture.requester.token }
        : await world.actor(who);
    return {
      actor,
      context: {
        listingId: fixture.requester.listingId,
        matchId: fixture.matchId,
        swapId: fixture.swapId,
      },
    };
  }
  if (row.on === 'match') {
    const fixture = assisted
      ? await (assistedMatchFixture ??= createMatchFixture({ assisted: true }))
      : matchFixture;
    const owner = (who === 'tenant' || who === 'accueil') && ownership === 'own';
    const actor = owner ? { token: fixture.participant.token } : await world.actor(who);
    return { actor, context: { listingId: '', matchId: fixture.matchId } };
  }
  if (row.on === 'assisted') {
    const { tenant, listingId } = await assistedTenant(ownership === 'own' ? 'SIDR' : 'SHLMR');
    const actor =
      who === 'tenant' && ownership === 'own' ? { token: tenant.token } : await world.actor(who);
    return { actor, context: { listingId, matchId: '' } };
  }
  if (row.on === 'listing') {
    const { actor, listingId } = await world.resource(
      who,
      ownership,
      Boolean(row.fresh) && success,
    );
    return { actor, context: { listingId, matchId: '' } };
  }
  if (row.freshSession && success && who !== 'anonymous') {
    if (who === 'tenant')
      return {
        actor: { token: (await signIn(uniqueEmail())).token },
        context: { listingId: '', matchId: '' },
      };
    if (who === 'otherAgent')
      return {
        actor: { token: (await newAgent()).token },
        context: { listingId: '', matchId: '' },
      };
    const staff = {
      accueil: 'accueil@bourse.local',
      lessor: 'agent.sidr@bourse.local',
      armos: 'armos@bourse.local',
      cinor: 'cinor@bourse.local',
    }[who];
    return {
      actor: { token: (await signIn(staff, { fresh: true })).token },
      context: { listingId: '', matchId: '' },
    };
  }
  return { actor: await world.actor(who), context: { listingId: '', matchId: '' } };
}

function requestBody(route: string, who: Who, rowBody: unknown) {
  // A reception agent creates listings on someone's behalf; a tenant for themself.
  if (route === 'POST /api/listings' && rowBody && typeof rowBody === 'object') {
    const { onBehalfOfPlaceholder: _placeholder, ...rest } = rowBody as Record<string, unknown>;
    return who === 'accueil' || who === 'otherAgent'
      ? { ...rest, onBehalfOf: { name: 'Monsieur Técher', consent: true } }
      : rest;
  }
  return body(rowBody);
}

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

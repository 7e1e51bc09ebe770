/**
 * Who calls a cell of the authorization matrix, on which resource: the caller's own (its listing,
 * proposal, swap, vacancy) or someone else's, made fresh when the call would change it.
 */
import { assistedTenant, newAgent } from '../agents';
import { AuthorizationWorld, type Actor, type Ownership, type Who } from '../authorization-world';
import { createMatchFixture, type MatchFixture } from '../match-fixture';
import { signIn } from '../sign-in';
import { uniqueEmail } from '../stack';
import { mutualMatch, requestedSwap, type SwapFixture } from '../swap-fixture';
import { postedVacancy } from '../vacancies';
import { body, type Context, type Row } from './cells';
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

/** The proposal most match cells act on (its participant's and its partner's listings). */
export const sharedMatch = (): MatchFixture => matchFixture;

/** Made once, before the first cell. */
export async function prepareCallers(): Promise<void> {
  matchFixture = await createMatchFixture();
}

export async function callerFor(
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

export function requestBody(route: string, who: Who, rowBody: unknown) {
  // A reception agent creates listings on someone's behalf; a tenant for themself.
  if (route === 'POST /api/listings' && rowBody && typeof rowBody === 'object') {
    const { onBehalfOfPlaceholder: _placeholder, ...rest } = rowBody as Record<string, unknown>;
    return who === 'accueil' || who === 'otherAgent'
      ? { ...rest, onBehalfOf: { name: 'Monsieur Técher', consent: true } }
      : rest;
  }
  return body(rowBody);
}

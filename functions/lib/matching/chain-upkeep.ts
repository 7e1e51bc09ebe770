/**
 * Keeps every listing's chains its own best (docs/design.md "Chains") as listings and vacancies
 * change: like cycles, a stored chain is linked to each mover, kept while one of them has it among
 * its best K (`DEFAULT_CHAINS_PER_LISTING`) or someone answered it, and closed when it breaks.
 * After a change, only the listings whose best K may differ are refilled from the index: the movers
 * of the chains stored through the change, and those a chain through it now enters the best of
 * (`chainListingsToRefill`, with each listing's bar).
 */
import { publicDwelling } from '../../../shared/listing/views';
import { takesPartInMatching } from '../../../shared/listing/lifecycle';
import {
  DEFAULT_CHAINS_PER_LISTING,
  isValidChain,
  releasedOf,
  type ChainRecord,
} from '../../../shared/matching/chains';
import { explainChain } from '../../../shared/matching/chains-explain';
import { ChainOwnBest, chainListingsToRefill } from '../../../shared/matching/chains-upkeep';
import type { PlaceNames } from '../../../shared/matching/types';
import {
  close,
  isAnswered,
  mayReopen,
  resume,
  suspend,
  type MatchParticipant,
} from '../../../shared/match/lifecycle';
import type { Listing } from '../../../shared/schemas/listing';
import { getListings } from '../db/listings';
import {
  getMatches,
  matchCreateItems,
  matchIdOf,
  matchUpdateItems,
  matchesOfListing,
  storedMatchIds,
  type StoredMatch,
} from '../db/matches';
import { TransactionCollisionError, transactUnlessDone, transactWrite } from '../db/transact';
import {
  findVacancy,
  putVacancyChainLinks,
  vacancyChainLinks,
  type StoredVacancy,
} from '../db/vacancies';
import { ConflictError } from '../../../shared/errors';
import { logger } from '../logger';
import { countMetric, METRIC } from '../metrics';
import { type ChainCache, vacancyCandidateOf } from './chain-cache';
import { candidateOf } from '../../../shared/matching/candidate-of';
import type { AppContext } from '../app-context';

export type ChainUpkeepDeps = Pick<AppContext, 'db' | 'now'> & {
  names: PlaceNames;
  chainsPerListing?: number;
};

const LIVE_OR_PAUSED = new Set(['proposed', 'mutual', 'suspended']);

function chainsOf(matches: StoredMatch[]): StoredMatch[] {
  return matches.filter((match) => match.kind === 'chain');
}

/** Every rule of the chain with the movers and the vacancy as the table has them now. */
export function chainHolds(
  match: Pick<StoredMatch, 'listingIds' | 'chain'>,
  listings: Map<string, Listing>,
  vacancy: StoredVacancy | undefined,
  now: Date,
): boolean {
  if (!vacancy || vacancy.status !== 'open' || vacancy.expiresAt <= now.toISOString()) return false;
  const movers = match.listingIds.map((id) => listings.get(id));
  if (movers.some((listing) => !listing || !takesPartInMatching(listing, now))) return false;
  return isValidChain(vacancyCandidateOf(vacancy), (movers as Listing[]).map(candidateOf));
}

async function save(deps: ChainUpkeepDeps, before: StoredMatch, after: StoredMatch): Promise<void> {
  if (after.status === before.status && after.resumeStatus === before.resumeStatus) return;
  // A concurrent answer changed the match meanwhile: the next change of a mover revisits it. A
  // collision changed nothing, so it fails the record and the stream retries the change.
  await transactWrite(
    deps.db,
    matchUpdateItems(deps.db, { ...after, updatedAt: deps.now().toISOString() }, before.version),
  ).catch((error: unknown) => {
    if (!(error instanceof ConflictError) || error instanceof TransactionCollisionError)
      throw error;
  });
}

/**
 * After the change of a listing is in the index: its stored chains are checked again (broken ones
 * closed, paused ones that hold again resumed), then the listings whose best it may change are
 * refilled. `matches`: the listing's matches, if the caller has just read them. Returns the chains created.
 */
export async function keepChainsAfterListingChange(
  deps: ChainUpkeepDeps,
  cache: ChainCache,
  listingId: string,
  matches?: StoredMatch[],
): Promise<StoredMatch[]> {
  const now = deps.now();
  // With no vacancy open no chain is live: each vacancy's end closed its chains.
  if (matches === undefined && cache.index.vacancyCount === 0) return [];
  const stored = chainsOf(matches ?? (await matchesOfListing(deps.db, listingId))).filter((m) =>
    LIVE_OR_PAUSED.has(m.status),
  );
  if (stored.length === 0 && cache.index.vacancyCount === 0) return [];
  if (cache.index.hasListing(listingId)) await revisit(deps, cache, stored, now);
  const best = ownBest(deps, cache);
  const refill = chainListingsToRefill(
    best,
    { listingId },
    stored.flatMap((match) => match.listingIds),
  );
  return refillAll(deps, cache, best, refill, listingId);
}

/**
 * After a vacancy changed (posted, renewed, withdrawn, expired, engaged, let) and the index follows
 * the table: the chains it no longer starts are closed (paused while a chain swap engages it; resumed
 * when it is open again), and every listing in one of its chains, stored or now found, is refilled.
 */
export async function keepChainsAfterVacancyChange(
  deps: ChainUpkeepDeps,
  cache: ChainCache,
  vacancyId: string,
): Promise<StoredMatch[]> {
  const now = deps.now();
  const links = await vacancyChainLinks(deps.db, vacancyId);
  const stored = (
    await getMatches(
      deps.db,
      links.map((link) => link.matchId),
    )
  ).filter((match) => LIVE_OR_PAUSED.has(match.status));
  const open = cache.vacancy(vacancyId);
  // Engaged in a chain swap, the vacancy may come back (refusal, cancellation): its other chains pause.
  const engaged = !open && (await findVacancy(deps.db, vacancyId))?.status === 'engaged';
  if (!open)
    for (const match of stored) await save(deps, match, engaged ? suspend(match) : close(match));
  else await revisit(deps, cache, stored, now);
  const best = ownBest(deps, cache);
  const refill = chainListingsToRefill(
    best,
    { vacancyId },
    stored.flatMap((match) => match.listingIds),
  );
  return refillAll(deps, cache, best, refill, undefined, now);
}

async function revisit(
  deps: ChainUpkeepDeps,
  cache: ChainCache,
  stored: StoredMatch[],
  now: Date,
): Promise<void> {
  if (stored.length === 0) return;
  const listings = await getListings(
    deps.db,
    stored.flatMap((m) => m.listingIds),
  );
  for (const match of stored) {
    const vacancy = cache.vacancy(match.chain?.vacancyId ?? '');
    const everyoneFree = match.listingIds.every((id) => {
      const listing = listings.get(id);
      return listing !== undefined && takesPartInMatching(listing, now);
    });
    // A mover away (engaged, edited, withdrawn) pauses the chain; its own change resumes or closes it.
    if (!everyoneFree && vacancy) continue;
    await save(
      deps,
      match,
      chainHolds(match, listings, vacancy, now) ? resume(match) : close(match),
    );
  }
}

function ownBest(deps: ChainUpkeepDeps, cache: ChainCache): ChainOwnBest {
  return new ChainOwnBest(cache.index, deps.chainsPerListing ?? DEFAULT_CHAINS_PER_LISTING);
}

async function refillAll(
  deps: ChainUpkeepDeps,
  cache: ChainCache,
  best: ChainOwnBest,
  listingIds: string[],
  first: string | undefined,
  now = deps.now(),
): Promise<StoredMatch[]> {
  const started = performance.now();
  // The changed listing's owner is waiting: it goes first.
  const ordered = first ? [first, ...listingIds.filter((id) => id !== first)] : listingIds;
  const created: StoredMatch[] = [];
  for (const listingId of ordered) {
    if (!cache.index.hasListing(listingId)) continue;
    created.push(...(await refillChainsOf(deps, cache, best, listingId, now)));
  }
  logger.debug('chains kept up to date', {
    refilled: ordered.length,
    created: created.length,
    ms: Math.round(performance.now() - started),
  });
  return created;
}

/** Stores the listing's best chains not stored yet, reopens closed ones back in it, closes unanswered ones nobody keeps. */
async function refillChainsOf(
  deps: ChainUpkeepDeps,
  cache: ChainCache,
  best: ChainOwnBest,
  listingId: string,
  now: Date,
): Promise<StoredMatch[]> {
  const mine = chainsOf(await matchesOfListing(deps.db, listingId));
  const byKey = new Map(mine.map((match) => [match.key, match]));
  const own = best.of(listingId);
  const ownKeys = new Set(own.map((chain) => chain.key));
  for (const match of mine) {
    const keptBySomeone = match.listingIds.some((id) => best.keeps(id, match.key));
    if (
      match.status === 'proposed' &&
      !isAnswered(match) &&
      !ownKeys.has(match.key) &&
      !keptBySomeone
    )
      await save(deps, match, close(match));
  }
  const reopen = own
    .map((chain) => byKey.get(chain.key))
    .filter((match): match is StoredMatch => match !== undefined && mayReopen(match));
  const absent = own.filter((chain) => !byKey.has(chain.key));
  if (reopen.length + absent.length === 0) return [];
  // The index may lag behind the table: every mover is read again before a chain is stored or reopened.
  const [listings, stored] = await Promise.all([
    getListings(
      deps.db,
      [...absent, ...reopen].flatMap((c) => c.listingIds),
    ),
    storedMatchIds(
      deps.db,
      absent.map((chain) => matchIdOf(chain.key)),
    ),
  ]);
  for (const match of reopen)
    if (chainHolds(match, listings, cache.vacancy(match.chain?.vacancyId ?? ''), now))
      await save(deps, match, { ...match, status: 'proposed', resumeStatus: undefined });
  const created: StoredMatch[] = [];
  for (const chain of absent) {
    const vacancy = cache.vacancy(chain.vacancyId);
    if (stored.has(matchIdOf(chain.key)) || !vacancy) continue;
    const match = await storeNewChain(deps, chain, vacancy, listings, now, { foundFor: listingId });
    if (match) created.push(match);
  }
  countMetric(METRIC.proposalsStored, created.length);
  return created;
}

/**
 * Stores a chain found for `foundFor` (or chosen by the nightly plan, then `recommended`), linked
 * to each mover and under its vacancy, if it holds with the movers as read and is not stored yet.
 */
export async function storeNewChain(
  deps: Pick<ChainUpkeepDeps, 'db' | 'names'>,
  chain: ChainRecord,
  vacancy: StoredVacancy,
  listings: Map<string, Listing>,
  now: Date,
  options: { foundFor?: string; recommended?: boolean },
): Promise<StoredMatch | undefined> {
  const match = toStoredChain(deps, chain, vacancy, listings, now, options);
  if (!chainHolds(match, listings, vacancy, now)) return undefined;
  if (!(await transactUnlessDone(deps.db, matchCreateItems(deps.db, match)))) return undefined;
  await putVacancyChainLinks(deps.db, [
    {
      vacancyId: vacancy.id,
      matchId: match.id,
      status: match.status,
      score: match.score,
      listingIds: match.listingIds,
      path: match.listingIds.map((id) => {
        const { communeCode, quartierId, typology } = listings.get(id)!.dwelling;
        return { communeCode, quartierId, typology };
      }),
    },
  ]);
  return match;
}

export function toStoredChain(
  deps: Pick<ChainUpkeepDeps, 'names'>,
  chain: ChainRecord,
  vacancy: StoredVacancy,
  listings: Map<string, Listing>,
  now: Date,
  options: { foundFor?: string; recommended?: boolean } = {},
): StoredMatch {
  const at = now.toISOString();
  const movers = chain.listingIds.map((id) => listings.get(id)).filter((l) => l !== undefined);
  const candidates = movers.map(candidateOf);
  const participants: MatchParticipant[] = movers.map((listing) => ({
    listingId: listing.id,
    ownerId: listing.ownerId,
    interest: 'pending',
  }));
  const vacancyCandidate = vacancyCandidateOf(vacancy);
  return {
    id: matchIdOf(chain.key),
    key: chain.key,
    kind: 'chain',
    listingIds: chain.listingIds,
    chain: {
      vacancyId: vacancy.id,
      vacancy: publicDwelling({ ...vacancy.dwelling, tenancyRef: '-' }),
      released: releasedOf(candidates),
    },
    participants,
    status: 'proposed',
    score: chain.score,
    explanations:
      movers.length === chain.listingIds.length
        ? explainChain(chain, vacancyCandidate, candidates, deps.names)
        : {},
    ...(options.recommended ? { recommended: true } : {}),
    createdAt: at,
    updatedAt: at,
    ...(options.foundFor ? { foundFor: options.foundFor } : {}),
    version: 1,
  };
}

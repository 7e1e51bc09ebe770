/**
 * The nightly plan: over every cycle of the market (not only the stored proposals), and every chain
 * of the open vacancies when the chains' storage is given, the disjoint 2- and 3-way cycles and
 * chains that move the most households (`planMarket`), declined and closed proposals left out. A chosen cycle not stored yet is stored as a proposal, which the stream then links to
 * its participants and announces to them; the chosen proposals are marked "recommandée" and last
 * night's that are no longer chosen unmarked. The plan is recorded, by commune, for Armos.
 */
import { takesPartInMatching } from '../../shared/listing/lifecycle';
import type { VacancyCandidate } from '../../shared/matching/chains';
import { kindOf } from '../../shared/matching/cycles';
import { placeNamesFrom, type Proposal } from '../../shared/matching/index';
import { MarketCycles, type PlanCycle } from '../../shared/matching/optimiser-market';
import { planMarket } from '../../shared/matching/optimiser-plan';
import type { PackingSolver } from '../../shared/matching/optimiser-solver';
import type { ReferenceData } from '../../shared/reference/index';
import type { Listing } from '../../shared/schemas/listing';
import type { Database } from '../lib/db/client';
import { getListings, marketListings } from '../lib/db/listings';
import {
  getMatches,
  linksOfListing,
  matchIdOf,
  putMatchIfAbsent,
  setMatchRecommended,
  storedMatchIds,
  type StoredMatch,
} from '../lib/db/matches';
import { candidateOf, cycleHolds } from '../../shared/matching/candidate-of';
import { logger } from '../lib/logger';
import { loadPackingSolver } from './plan-solver';
import { planRecordOf } from './plan-record';
import { readPlanRecord, writePlanRecord, type PlanRecord } from '../lib/db/plans';
import type { AppContext } from '../lib/app-context';

/**
 * The chains' side of the plan, given by the vacancies' storage: without it the plan chooses
 * cycles only, since a chain chosen but never stored would hold its listings back for nothing.
 */
export interface PlanChainStore {
  /** The vacancies open at `now`, as the engine reads them. */
  openVacancies(now: Date): Promise<VacancyCandidate[]>;
  /**
   * Stores the chosen chains that are not proposals yet, so that the stream links and announces
   * them as it does cycles; returns how many it stored. Chains are identified by `matchIdOf(key)`.
   */
  storeChosen(chains: readonly PlanCycle[], now: Date): Promise<number>;
}

export type OptimiserDeps = Pick<AppContext, 'db' | 'reference'> & {
  chains?: PlanChainStore;
  solver?: () => Promise<PackingSolver>;
  /** Column generation stops after this long, leaving time for the integer step and the writes (Lambda stops at 15 minutes). */
  generationBudgetMs?: number;
  mipTimeLimitSeconds?: number;
};

export interface OptimiserReport {
  listings: number;
  excluded: number;
  chosen: number;
  households: number;
  bound: number;
  stored: number;
  marked: number;
  unmarked: number;
}

/** Proposals a participant turned down, or that can no longer happen, are never recommended again. */
const EXCLUDED_STATUSES = new Set<StoredMatch['status']>(['declined', 'closed']);
/** Above this many listings, the first LP starts from each listing's best 2-cycles only, not all of them. */
const ALL_TWO_CYCLES_UP_TO = 3000;

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size)
    results.push(...(await Promise.all(items.slice(start, start + size).map(run))));
  return results;
}

async function excludedCycleKeys(
  db: Database,
  listingIds: readonly string[],
): Promise<Set<string>> {
  const links = (await inBatches(listingIds, 16, (id) => linksOfListing(db, id))).flat();
  const ids = [
    ...new Set(
      links.filter((link) => EXCLUDED_STATUSES.has(link.status)).map((link) => link.matchId),
    ),
  ];
  return new Set(
    (await getMatches(db, ids))
      .filter((match) => EXCLUDED_STATUSES.has(match.status))
      .map((match) => match.key),
  );
}

function newMatchOf(proposal: Proposal, listings: Map<string, Listing>, at: string): StoredMatch {
  return {
    id: matchIdOf(proposal.key),
    key: proposal.key,
    kind: kindOf(proposal.listingIds.length),
    listingIds: proposal.listingIds,
    participants: proposal.listingIds.map((id) => ({
      listingId: id,
      ownerId: (listings.get(id) as Listing).ownerId,
      interest: 'pending' as const,
    })),
    status: 'proposed',
    score: proposal.score,
    explanations: proposal.explanations,
    recommended: true,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/**
 * Stores the chosen cycles that are not proposals yet, each linked to every participant; the
 * stream files its answer reminder and puts it in their digest. A match stored meanwhile by the
 * matcher is left as it is (it is marked like the others).
 */
async function storeChosenCycles(
  db: Database,
  market: MarketCycles,
  chosen: readonly PlanCycle[],
  reference: ReferenceData,
  now: Date,
): Promise<number> {
  const stored = await storedMatchIds(
    db,
    chosen.map((c) => matchIdOf(c.key)),
  );
  const missing = chosen.filter((c) => !stored.has(matchIdOf(c.key)));
  if (missing.length === 0) return 0;
  const listings = await getListings(
    db,
    missing.flatMap((c) => c.listingIds),
  );
  const names = placeNamesFrom(reference);
  const at = now.toISOString();
  const created = await inBatches(missing, 8, async (cycle) => {
    if (!cycleHolds(cycle.listingIds, listings, now)) return false;
    const match = newMatchOf(market.proposalOf(cycle, names), listings, at);
    return putMatchIfAbsent(db, match);
  });
  return created.filter(Boolean).length;
}

export async function runOptimiser(deps: OptimiserDeps, now: Date): Promise<OptimiserReport> {
  const reference = await deps.reference();
  const all = (
    await Promise.all(reference.communes.map((commune) => marketListings(deps.db, commune.code)))
  ).flat();
  const listings = all.filter((listing) => takesPartInMatching(listing, now));
  const excluded = await excludedCycleKeys(
    deps.db,
    listings.map((l) => l.id),
  );
  const vacancies = deps.chains === undefined ? [] : await deps.chains.openVacancies(now);
  const market = new MarketCycles(listings.map(candidateOf), excluded, vacancies);
  const solver = await (deps.solver ?? loadPackingSolver)();
  const plan = planMarket(market, solver, {
    initialTwoCyclesPerListing:
      listings.length > ALL_TWO_CYCLES_UP_TO ? 8 : Number.POSITIVE_INFINITY,
    generationBudgetMs: deps.generationBudgetMs ?? 5 * 60_000,
    mipTimeLimitSeconds: deps.mipTimeLimitSeconds ?? 90,
  });
  logger.info('plan computed', {
    listings: listings.length,
    vacancies: vacancies.length,
    households: plan.households,
    bound: plan.bound,
    columns: plan.columns,
    rounds: plan.rounds,
    method: plan.method,
    generationMs: Math.round(plan.generationMs),
    mipMs: Math.round(plan.mipMs),
  });

  const chains = plan.cycles.filter((c) => c.vacancyId !== undefined);
  const cycles = plan.cycles.filter((c) => c.vacancyId === undefined);
  const stored =
    (await storeChosenCycles(deps.db, market, cycles, reference, now)) +
    (chains.length > 0 && deps.chains !== undefined
      ? await deps.chains.storeChosen(chains, now)
      : 0);
  const chosen = new Set(plan.cycles.map((cycle) => matchIdOf(cycle.key)));
  const previous = new Set<string>((await readPlanRecord(deps.db))?.matchIds ?? []);
  let marked = 0;
  let unmarked = 0;
  for (const id of previous)
    if (!chosen.has(id) && (await setMatchRecommended(deps.db, id, false))) unmarked += 1;
  const recommended = new Set<string>();
  for (const id of chosen) {
    if (await setMatchRecommended(deps.db, id, true)) {
      recommended.add(id);
      if (!previous.has(id)) marked += 1;
    }
  }
  const record: PlanRecord = planRecordOf(
    plan,
    recommended,
    new Map(listings.map((l) => [l.id, l])),
    now,
  );
  await writePlanRecord(deps.db, record);
  return {
    listings: listings.length,
    excluded: excluded.size,
    chosen: plan.cycles.length,
    households: plan.households,
    bound: plan.bound.households,
    stored,
    marked,
    unmarked,
  };
}

/**
 * Keeps the stored proposals of a listing in line with the market: new cycles stored (once,
 * linked to every participant), cycles that can no longer happen closed, proposals of a
 * listing that left the market suspended and resumed when it returns.
 */
import {
  cyclesToReadForRefill,
  refillPlan,
  type OwnBestMemo,
  type Proposal,
  type StoredCycle,
} from '../../../shared/matching/index';
import {
  close,
  isAnswered,
  mayReopen,
  resume,
  suspend,
  type MatchParticipant,
} from '../../../shared/match/lifecycle';
import { takesPartInMatching } from '../../../shared/listing/lifecycle';
import type { Listing } from '../../../shared/schemas/listing';
import { getListings } from '../db/listings';
import {
  getMatches,
  matchIdOf,
  matchUpdateItems,
  matchesOfListing,
  storeNewMatches,
  storedMatchIds,
  type MatchSummary,
  type StoredMatch,
} from '../db/matches';
import { TransactionCollisionError, transactWrite } from '../db/transact';
import { logger } from '../logger';
import { cycleHolds } from '../../../shared/matching/candidate-of';
import { countMetric, METRIC } from '../metrics';
import { ConflictError } from '../../../shared/errors';
import type { AppContext } from '../app-context';

export type ProposalStoreDeps = Pick<AppContext, 'db' | 'now'>;

async function saveChanged(
  deps: ProposalStoreDeps,
  before: StoredMatch,
  after: StoredMatch,
): Promise<void> {
  if (after.status === before.status && after.resumeStatus === before.resumeStatus) return;
  // A concurrent answer changed the match meanwhile: the next change of a participant revisits it.
  // Only that is expected; anything else (a collision that changed nothing, throttling, a lost
  // connection) fails the record, to be retried.
  await transactWrite(
    deps.db,
    matchUpdateItems(deps.db, { ...after, updatedAt: deps.now().toISOString() }, before.version),
  ).catch((error: unknown) => {
    if (!(error instanceof ConflictError) || error instanceof TransactionCollisionError)
      throw error;
  });
}

/** The listing left the market (withdrawn, expired, rejected, engaged…): pause its proposals. */
export async function suspendProposalsOf(deps: ProposalStoreDeps, listing: Listing): Promise<void> {
  const matches = await matchesOfListing(deps.db, listing.id);
  const terminal = listing.status === 'exchanged';
  for (const match of matches) {
    await saveChanged(deps, match, terminal ? close(match) : suspend(match));
  }
}

/** Revisits the listing's stored proposals: close the broken ones, resume the paused ones that hold again. */
export async function revisitProposalsOf(
  deps: ProposalStoreDeps,
  listingId: string,
): Promise<void> {
  const matches = await matchesOfListing(deps.db, listingId);
  // Chains are revisited by their own upkeep (`chain-upkeep.ts`): their moves are not a cycle's.
  const live = matches.filter(
    (m) =>
      m.kind !== 'chain' &&
      (m.status === 'proposed' || m.status === 'mutual' || m.status === 'suspended'),
  );
  if (live.length === 0) return;
  const listings = await getListings(
    deps.db,
    live.flatMap((m) => m.listingIds),
  );
  const now = deps.now();
  for (const match of live) {
    const participants = match.listingIds.map((id) => listings.get(id));
    const everyoneFree = participants.every((l) => l && takesPartInMatching(l, now));
    if (everyoneFree)
      await saveChanged(
        deps,
        match,
        cycleHolds(match.listingIds, listings, now) ? resume(match) : close(match),
      );
  }
}

/** A live stored proposal as the upkeep sees it: one somebody answered is kept whatever its rank. */
export function storedCycleOf(match: StoredMatch): StoredCycle {
  return {
    key: match.key,
    listingIds: match.listingIds,
    answered: match.status !== 'proposed' || isAnswered(match),
  };
}

/** The proposals through a listing that are live or paused: those whose participants lose them if it goes. */
export function liveOrPaused(matches: StoredMatch[]): StoredMatch[] {
  return matches.filter(
    (m) =>
      m.kind !== 'chain' &&
      (m.status === 'proposed' || m.status === 'mutual' || m.status === 'suspended'),
  );
}

/**
 * Refills a listing's proposals from its own best (`refillPlan`): stores those not stored yet,
 * linked to it, with its counts in the last transaction; reopens those retired earlier; retires
 * the unanswered ones nobody keeps among their best any more. Returns the new ones. The changed
 * listing reads every proposal through it; another listing only those the change may alter
 * (`cyclesToReadForRefill`). Reminders and digests follow from the stream (`fanOutNewMatches`),
 * so that the listing's owner is not kept waiting for them.
 */
export async function refillProposalsOf(
  deps: ProposalStoreDeps,
  memo: OwnBestMemo,
  listingId: string,
  summary: MatchSummary,
  change?: {
    changedId: string;
    storedThroughChanged: StoredCycle[];
    /**
     * Keys of the cycles the change's other refills, running at the same time, are storing,
     * closing or reopening: a cycle through the changed listing often enters (or leaves) the best
     * of several of its participants, and two refills that both wrote it would cancel each other's
     * transactions (new proposals then retried one by one). Whoever claims it first writes it,
     * linked to every participant.
     */
    claimed?: Set<string>;
  },
): Promise<StoredMatch[]> {
  const started = performance.now();
  const among =
    change && change.changedId !== listingId
      ? cyclesToReadForRefill(memo, listingId, change.changedId, change.storedThroughChanged)
      : undefined;
  const stored = among
    ? await getMatches(
        deps.db,
        among.map((cycle) => matchIdOf(cycle.key)),
        { consistent: true },
      )
    : await matchesOfListing(deps.db, listingId);
  const mine = stored.filter((m) => m.kind !== 'chain');
  const byKey = new Map(mine.map((match) => [match.key, match]));
  const live = mine.filter((m) => m.status === 'proposed' || m.status === 'mutual');
  const plan = refillPlan(
    memo,
    listingId,
    live.map(storedCycleOf),
    among && new Set(among.map((cycle) => cycle.key)),
  );
  const read = performance.now();
  const now = deps.now();
  const claimed = change?.claimed;
  // Claimed in the same turn as checked: no other refill of this change can slip in between.
  const claim = (key: string) => {
    if (claimed?.has(key)) return false;
    claimed?.add(key);
    return true;
  };
  for (const key of plan.retire.filter(claim))
    await saveChanged(deps, byKey.get(key)!, close(byKey.get(key)!));
  // Closed earlier (it fell out of everyone's best, or broke) and back: reopened, unless someone had said no.
  const retired = plan.store
    .map((cycle) => byKey.get(cycle.key))
    .filter(
      (match) => match !== undefined && mayReopen(match) && claim(match.key),
    ) as StoredMatch[];
  const absent = plan.store.filter((cycle) => !byKey.has(cycle.key));
  // The index may lag behind the table: re-read every participant before storing or reopening a cycle.
  const [listings, storedMeanwhile] = await Promise.all([
    getListings(
      deps.db,
      [...absent, ...retired].flatMap((c) => c.listingIds),
    ),
    storedMatchIds(
      deps.db,
      absent.map((c) => matchIdOf(c.key)),
    ),
  ]);
  for (const match of retired)
    if (cycleHolds(match.listingIds, listings, now)) await saveChanged(deps, match, reopen(match));
  const toStore = absent.filter(
    (cycle) =>
      !storedMeanwhile.has(matchIdOf(cycle.key)) &&
      cycleHolds(cycle.listingIds, listings, now) &&
      claim(cycle.key),
  );
  const candidates = toStore.map((cycle) =>
    toStoredMatch(memo.index.proposalOf(cycle), listingId, listings, now),
  );
  const written = performance.now();
  const created = await storeNewMatches(deps.db, candidates, summary);
  countMetric(METRIC.proposalsStored, created.length);
  const phases = {
    readMs: read - started,
    closeMs: written - read,
    writeMs: performance.now() - written,
  };
  logger.debug('proposals refilled', {
    listingId,
    created: created.length,
    retired: plan.retire.length,
    ...Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])),
  });
  return created;
}

/** A closed proposal back among someone's best. */
function reopen(match: StoredMatch): StoredMatch {
  const { resumeStatus: _resume, ...rest } = match;
  return { ...rest, status: 'proposed' };
}

export function toStoredMatch(
  proposal: Proposal,
  foundFor: string,
  listings: Map<string, Listing>,
  now: Date,
): StoredMatch {
  const at = now.toISOString();
  const participants: MatchParticipant[] = proposal.listingIds.map((id) => ({
    listingId: id,
    ownerId: listings.get(id)!.ownerId,
    interest: 'pending',
  }));
  return {
    id: matchIdOf(proposal.key),
    key: proposal.key,
    kind: proposal.kind,
    listingIds: proposal.listingIds,
    participants,
    status: 'proposed',
    score: proposal.score,
    explanations: proposal.explanations,
    createdAt: at,
    updatedAt: at,
    foundFor,
    version: 1,
  };
}

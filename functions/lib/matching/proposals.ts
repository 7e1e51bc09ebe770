/**
 * Keeps the stored proposals of a listing in line with the market: new cycles stored (once,
 * linked to every participant), cycles that can no longer happen closed, proposals of a
 * listing that left the market suspended and resumed when it returns.
 */
import { accepts, type MatchingIndex, type Proposal } from '../../../shared/matching/index';
import { close, resume, suspend, type MatchParticipant } from '../../../shared/match/lifecycle';
import { takesPartInMatching } from '../../../shared/listing/lifecycle';
import type { Listing } from '../../../shared/schemas/listing';
import type { Database } from '../db/client';
import { getListings } from '../db/listings';
import { matchIdOf, matchUpdateItems, matchesOfListing, putMatchSummary, storeNewMatches, storedMatchIds, type StoredMatch } from '../db/matches';
import { transactWrite } from '../db/transact';
import { logger } from '../logger';
import { candidateOf } from './market-cache';
import { countMetric, METRIC } from '../metrics';

export interface ProposalStoreDeps {
  db: Database;
  now: () => Date;
  proposalsPerListing: number;
}

/** Whether every step of the cycle still holds with the participants as they are now. */
export function cycleHolds(listingIds: string[], listings: Map<string, Listing>, now: Date): boolean {
  const cycle = listingIds.map((id) => listings.get(id));
  if (cycle.some((listing) => !listing || !takesPartInMatching(listing, now))) return false;
  return cycle.every((listing, i) => accepts(candidateOf(listing!), candidateOf(cycle[(i + 1) % cycle.length]!)));
}

async function saveChanged(deps: ProposalStoreDeps, before: StoredMatch, after: StoredMatch): Promise<void> {
  if (after.status === before.status && after.resumeStatus === before.resumeStatus) return;
  // A concurrent answer changed the match meanwhile: the next change of a participant revisits it.
  await transactWrite(deps.db, matchUpdateItems(deps.db, { ...after, updatedAt: deps.now().toISOString() }, before.version)).catch(() => undefined);
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
export async function revisitProposalsOf(deps: ProposalStoreDeps, listingId: string): Promise<void> {
  const matches = await matchesOfListing(deps.db, listingId);
  const live = matches.filter((m) => m.status === 'proposed' || m.status === 'mutual' || m.status === 'suspended');
  if (live.length === 0) return;
  const listings = await getListings(deps.db, live.flatMap((m) => m.listingIds));
  const now = deps.now();
  for (const match of live) {
    const participants = match.listingIds.map((id) => listings.get(id));
    const everyoneFree = participants.every((l) => l && takesPartInMatching(l, now));
    if (everyoneFree) await saveChanged(deps, match, cycleHolds(match.listingIds, listings, now) ? resume(match) : close(match));
  }
}

/**
 * Stores the listing's best proposals not stored yet, linked to it, then its counts; returns the
 * new ones. Linking the other participants, reminders, digests and their counts follow from the
 * stream (`fanOutNewMatches`), so that the listing's owner is not kept waiting for them.
 */
export async function storeBestProposals(deps: ProposalStoreDeps, index: MatchingIndex, listingId: string): Promise<StoredMatch[]> {
  const started = performance.now();
  const result = index.proposalsFor(listingId, { k: deps.proposalsPerListing });
  const searched = performance.now();
  const now = deps.now();
  const summary = { listingId, count2: result.count2, count3: result.count3, wanters: index.wantersCount(listingId), computedAt: now.toISOString() };
  if (result.proposals.length === 0) {
    await putMatchSummary(deps.db, summary);
    return [];
  }
  // The index may lag behind the table: re-read every participant before storing a cycle.
  const [listings, stored] = await Promise.all([
    getListings(deps.db, result.proposals.flatMap((p) => p.listingIds)),
    storedMatchIds(deps.db, result.proposals.map((p) => matchIdOf(p.key))),
  ]);
  const candidates = result.proposals
    .filter((proposal) => !stored.has(matchIdOf(proposal.key)) && cycleHolds(proposal.listingIds, listings, now))
    .map((proposal) => toStoredMatch(proposal, listingId, listings, now));
  const read = performance.now();
  const created = await storeNewMatches(deps.db, candidates, listingId, summary);
  countMetric(METRIC.proposalsStored, created.length);
  const phases = { searchMs: searched - started, readMs: read - searched, writeMs: performance.now() - read };
  logger.debug('proposals written', { listingId, created: created.length, ...Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])) });
  return created;
}

function toStoredMatch(proposal: Proposal, foundFor: string, listings: Map<string, Listing>, now: Date): StoredMatch {
  const at = now.toISOString();
  const participants: MatchParticipant[] = proposal.listingIds.map((id) => ({ listingId: id, ownerId: listings.get(id)!.ownerId, interest: 'pending' }));
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

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
import { matchIdOf, matchUpdateItems, matchesOfListing, putMatchIfAbsent, putMatchLinks, putMatchSummaries, putMatchSummary, type StoredMatch } from '../db/matches';
import { transactWrite } from '../db/transact';
import { formatInTimeZone } from '../time';
import { candidateOf } from './market-cache';

/** A participant who has not answered a proposal is reminded after this many days. */
export const ANSWER_REMINDER_DAYS = 3;

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

/** Refreshes the stored counts ("37 échanges directs et 2 140 à trois") of these listings. */
export async function refreshSummaries(deps: ProposalStoreDeps, index: MatchingIndex, listingIds: Iterable<string>): Promise<void> {
  const computedAt = deps.now().toISOString();
  const summaries = [...listingIds]
    .filter((listingId) => index.has(listingId))
    .map((listingId) => {
      const { count2, count3 } = index.proposalsFor(listingId, { k: 1 });
      return { listingId, count2, count3, wanters: index.wantersCount(listingId), computedAt };
    });
  await putMatchSummaries(deps.db, summaries);
}

/** Stores the listing's best proposals not stored yet; returns the new ones with their owners. */
export async function storeBestProposals(deps: ProposalStoreDeps, index: MatchingIndex, listingId: string): Promise<StoredMatch[]> {
  const result = index.proposalsFor(listingId, { k: deps.proposalsPerListing });
  const now = deps.now();
  // Written last: a stored summary means the listing's proposals are stored too.
  const summary = { listingId, count2: result.count2, count3: result.count3, wanters: index.wantersCount(listingId), computedAt: now.toISOString() };
  if (result.proposals.length === 0) {
    await putMatchSummary(deps.db, summary);
    return [];
  }
  // The index may lag behind the table: re-read every participant before storing a cycle.
  const listings = await getListings(deps.db, result.proposals.flatMap((p) => p.listingIds));
  const fresh = result.proposals.filter((p) => cycleHolds(p.listingIds, listings, now));
  const candidates = fresh.map((proposal) => toStoredMatch(proposal, listings, now));
  const stored = await Promise.all(candidates.map((match) => putMatchIfAbsent(deps.db, match)));
  const created = candidates.filter((_, i) => stored[i]);
  await putMatchLinks(deps.db, created, formatInTimeZone(new Date(now.getTime() + ANSWER_REMINDER_DAYS * 86_400_000), 'yyyy-MM-dd'));
  await putMatchSummary(deps.db, summary);
  return created;
}

function toStoredMatch(proposal: Proposal, listings: Map<string, Listing>, now: Date): StoredMatch {
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
    version: 1,
  };
}

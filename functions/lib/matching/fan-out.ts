/**
 * What follows a new proposal, from the stream: it is linked to every participant so that all of
 * them see it, filed for the answer reminder, announced in the daily digest, and the other
 * participants' counts are refreshed. Kept apart from the matcher so that the owner of the
 * listing that found the proposals is not kept waiting for all this.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { takesPartInMatching } from '../../../shared/listing/lifecycle';
import type { MatchingIndex } from '../../../shared/matching/index';
import type { Database } from '../db/client';
import { getListings } from '../db/listings';
import { linkParticipants, putAnswerReminders, putMatchSummaries, type MatchSummary, type StoredMatch } from '../db/matches';
import { formatInTimeZone } from '../time';
import { announceNewProposals } from './digest';
import { candidateOf } from './market-cache';

/** A participant who has not answered a proposal is reminded after this many days. */
export const ANSWER_REMINDER_DAYS = 3;

export interface FanOutDeps {
  db: Database;
  now: () => Date;
  appUrl: string;
}

const reminderDayOf = (match: StoredMatch) => formatInTimeZone(new Date(Date.parse(match.createdAt) + ANSWER_REMINDER_DAYS * 86_400_000), 'yyyy-MM-dd');

/**
 * Every step is idempotent: a redelivered batch counts, files and links again without harm, and
 * mails nothing twice. Links come after the counts and reminders, so that a participant who sees
 * the proposal also sees it counted, and is reminded of it.
 */
export async function fanOutNewMatches(deps: FanOutDeps, index: MatchingIndex, matches: StoredMatch[]): Promise<void> {
  if (matches.length === 0) return;
  // The listing that found a proposal had its counts stored with it.
  const others = new Set(matches.flatMap((match) => match.listingIds.filter((id) => id !== match.foundFor)));
  await indexMissing(deps, index, [...others]);
  await refreshSummaries(deps, index, others);
  await putAnswerReminders(deps.db, matches.map((match) => ({ matchId: match.id, day: reminderDayOf(match) })));
  for (let start = 0; start < matches.length; start += 8) {
    await Promise.all(matches.slice(start, start + 8).map((match) => linkParticipants(deps.db, match)));
  }
  await announceNewProposals(deps, matches);
}

/** The stream may bring a match before its participants' listing records: read those from the table. */
async function indexMissing(deps: FanOutDeps, index: MatchingIndex, listingIds: string[]): Promise<void> {
  const missing = listingIds.filter((id) => !index.has(id));
  if (missing.length === 0) return;
  const now = deps.now();
  for (const listing of (await getListings(deps.db, missing)).values()) if (takesPartInMatching(listing, now)) index.upsert(candidateOf(listing));
}

/**
 * Recomputes the stored counts ("37 échanges directs et 2 140 à trois") of these listings. Each
 * count takes a millisecond or so: the event loop is given back between them.
 */
export async function refreshSummaries(deps: { db: Database; now: () => Date }, index: MatchingIndex, listingIds: Iterable<string>): Promise<void> {
  const computedAt = deps.now().toISOString();
  const summaries: MatchSummary[] = [];
  for (const listingId of listingIds) {
    if (!index.has(listingId)) continue;
    const { count2, count3 } = index.proposalsFor(listingId, { k: 1 });
    summaries.push({ listingId, count2, count3, wanters: index.wantersCount(listingId), computedAt });
    await yieldToEventLoop();
  }
  await putMatchSummaries(deps.db, summaries);
}

/**
 * The reads behind "Mes propositions" and a proposal's page, each in a fixed number of requests
 * (docs/data-model.md, request budgets): the proposals come from the copies the listing's links
 * hold, and every dwelling and contact shown from one batch read.
 */
import { NotFoundError } from '../../../shared/errors';
import type { Listing } from '../../../shared/schemas/listing';
import type { MatchView } from '../../../shared/schemas/match';
import type { User } from '../../../shared/schemas/user';
import type { Database } from '../db/client';
import { getListings, listingsOfOwner } from '../db/listings';
import { getListingsAndUsers } from '../db/listings-and-users';
import { getMatch, type StoredMatch } from '../db/matches';
import { shownMatchesOf, shownPageOf, type ShownPage } from '../db/shown-proposals';
import { keptBy, type MatchFilter, type ShownCursor } from '../../../shared/match/shown-page';
import { canManage } from '../listings/access';
import type { IncomeCeilingYear } from '../../../shared/schemas/income-ceilings';
import { consentsSeenBy } from '../listings/consent';
import { matchView } from './views';

/** What a list shows of each listing: its dwelling, rent after the swap and verification, and who manages it. */
const CARD = 'id, ownerId, assistance, dwelling, verification, nextRent, nextCharges';

/** Which of the listing's proposals to list: all, or a page after a cursor; under a filter. */
export interface MatchListQuery {
  listingId?: string;
  filter?: MatchFilter;
  /** Absent: the whole list at once, as the contract's `GET /matches` answers. */
  limit?: number;
  cursor?: ShownCursor;
}

/**
 * The caller's proposals (`selectShown`: every 2-way, the best 50 3-ways and chains, and those
 * someone acts on): those of `listingId` (a listing they manage), else of their active
 * listing (read with their session), else of their latest one; a page of them with `limit`.
 */
export async function listMatchesOf(
  db: Database,
  caller: User,
  { listingId, filter = 'all', limit, cursor }: MatchListQuery,
  activeListingId: string | undefined,
): Promise<{ views: MatchView[]; next?: ShownCursor }> {
  const id = listingId ?? activeListingId ?? (await latestListingId(db, caller));
  if (!id) return { views: [] };
  const page: ShownPage =
    limit === undefined
      ? { matches: (await shownMatchesOf(db, id)).filter(keptBy(filter, id)) }
      : await shownPageOf(db, id, { limit, cursor, filter });
  const listings = await getListings(db, [id, ...page.matches.flatMap((m) => m.listingIds)], {
    projection: CARD,
  });
  const listing = listings.get(id);
  if (!listing || !canManage(caller, listing)) {
    if (listingId) throw new NotFoundError('Annonce introuvable.');
    return { views: [] };
  }
  return {
    views: page.matches.map((match) => matchView(match, id, listings)),
    ...(page.next ? { next: page.next } : {}),
  };
}

/** Without an active listing: the latest one, as "Mes propositions" showed it before. */
async function latestListingId(db: Database, caller: User): Promise<string | undefined> {
  const mine = await listingsOfOwner(db, caller.id);
  return (mine.find((l) => l.status !== 'withdrawn' && l.status !== 'exchanged') ?? mine[0])?.id;
}

/** The caller's listing in the match (owner, or reception agent managing it), if any. */
export function viewerListingOf(
  caller: User,
  match: StoredMatch,
  listings: Map<string, Listing>,
): Listing | undefined {
  return match.listingIds
    .map((id) => listings.get(id))
    .find((listing) => listing && canManage(caller, listing));
}

/** One proposal for a participant or Armos: the match, then its listings and contacts together. */
export async function readMatchOf(
  db: Database,
  caller: User,
  matchId: string,
  ceilings?: IncomeCeilingYear,
): Promise<MatchView> {
  const match = await getMatch(db, matchId);
  const { listings, users } = await listingsAndContactsOf(db, match);
  return participantViewOf(caller, match, listings, users, ceilings);
}

/** A proposal's listings and, once opened, its participants' accounts: one batch read. */
export function listingsAndContactsOf(db: Database, match: StoredMatch) {
  return getListingsAndUsers(
    db,
    match.listingIds,
    isOpened(match) ? match.participants.map((p) => p.ownerId) : [],
  );
}

/** Agreed by all: the participants' contacts may be shown (`matchView`). */
export const isOpened = (match: StoredMatch) =>
  match.status === 'mutual' || match.status === 'engaged';

/**
 * What the caller sees of `match`, from its listings and, once opened, its participants'
 * accounts: also what an answer returns from the proposal it has just written.
 */
export function participantViewOf(
  caller: User,
  match: StoredMatch,
  listings: Map<string, Listing>,
  users: Map<string, User>,
  ceilings?: IncomeCeilingYear,
): MatchView {
  const mine = viewerListingOf(caller, match, listings);
  if (!mine && caller.role !== 'armos') throw new NotFoundError('Proposition introuvable.');
  return {
    ...matchView(match, mine?.id, listings, users, ceilings),
    ...consentsSeenBy(match.consents, mine ? [mine.id] : [], caller.role === 'armos'),
    ...(match.swapId && mine ? { swapId: match.swapId } : {}),
  };
}

/** Use cases of proposals: list, read, answer yes/no, message once mutual. */
import { ConflictError, NotFoundError } from '../../../shared/errors';
import { recordInterest, recordVisit } from '../../../shared/match/lifecycle';
import type { Listing } from '../../../shared/schemas/listing';
import type { MatchView } from '../../../shared/schemas/match';
import type { User } from '../../../shared/schemas/user';
import { auditPut } from '../db/audit';
import type { Database } from '../db/client';
import { getListings, listingsOfOwner } from '../db/listings';
import {
  getMatch,
  getMatchSummary,
  linksOfListing,
  matchUpdateItems,
  type StoredMatch,
} from '../db/matches';
import { shownCountsOf } from '../db/shown-proposals';
import { messageNoticePut, messagePut, messagesOf } from '../db/messages';
import { transactWrite, type TransactItem } from '../db/transact';
import { getUsers } from '../db/users';
import { mailsToListingHolders } from '../mail/assisted-mail';
import { canManage } from '../listings/access';
import { consentDetails, consentFor, withConsent } from '../listings/consent';
import type { Consent } from '../../../shared/schemas/consent';
import { mutualMatchMail, newMessageMail } from '../mail/match-mails';
import { formatInTimeZone } from '../time';
import {
  listingsAndContactsOf,
  listMatchesOf,
  participantViewOf,
  readMatchOf,
  viewerListingOf,
  type MatchListQuery,
} from './reads';
import { swapNudgePut } from './swap-nudges';
import type { MarketView } from './widen';
import { visitDeclinedNotices } from './visit-notices';
import { ceilingTableOf } from '../../../shared/swap/review-info';
import type { AppContext } from '../app-context';

export type MatchServiceDeps = Pick<AppContext, 'db' | 'now' | 'appUrl'> &
  Partial<Pick<AppContext, 'reference'>>;

/** The caller's listing in the match (owner, or reception agent managing it), if any. */
async function viewerListing(
  db: Database,
  caller: User,
  match: StoredMatch,
): Promise<Listing | undefined> {
  return viewerListingOf(caller, match, await getListings(db, match.listingIds));
}

/** The caller's listing whose proposals are asked for: their active one, or one they manage. */
async function listingOfCaller(
  db: Database,
  caller: User,
  listingId?: string,
): Promise<Listing | undefined> {
  if (listingId) {
    const listing = (await getListings(db, [listingId])).get(listingId);
    if (!listing || !canManage(caller, listing)) throw new NotFoundError('Annonce introuvable.');
    return listing;
  }
  const mine = await listingsOfOwner(db, caller.id);
  return mine.find((l) => l.status !== 'withdrawn' && l.status !== 'exchanged') ?? mine[0];
}

export async function listMatches(
  deps: MatchServiceDeps,
  caller: User,
  query: MatchListQuery,
  activeListingId?: string,
) {
  return listMatchesOf(deps.db, caller, query, activeListingId);
}

/**
 * The listing's counts and what would widen its proposals, from the API's market index
 * (`marketViewOf`) while the listing is in the market; otherwise its last stored counts.
 */
export async function matchSummary(
  deps: MatchServiceDeps,
  caller: User,
  listingId?: string,
  marketView: (listing: Listing) => Promise<MarketView | undefined> = async () => undefined,
) {
  const listing = await listingOfCaller(deps.db, caller, listingId);
  if (!listing) throw new NotFoundError('Vous n’avez pas encore d’annonce.');
  const [summary, shown, market] = await Promise.all([
    getMatchSummary(deps.db, listing.id),
    shownCountsOf(deps.db, listing.id),
    marketView(listing),
  ]);
  const counts = market?.counts ?? summary;
  const computedAt = market ? deps.now().toISOString() : summary?.computedAt;
  return {
    listingId: listing.id,
    count2: counts?.count2 ?? 0,
    count3: counts?.count3 ?? 0,
    wanters: counts?.wanters ?? 0,
    ...shown,
    ...(computedAt ? { computedAt } : {}),
    widen: market?.widen ?? [],
  };
}

export async function readMatch(
  deps: MatchServiceDeps,
  caller: User,
  matchId: string,
): Promise<MatchView> {
  return readMatchOf(deps.db, caller, matchId, await ceilingsOf(deps));
}

async function ceilingsOf(deps: MatchServiceDeps) {
  return deps.reference
    ? ceilingTableOf((await deps.reference()).incomeCeilings, deps.now().getUTCFullYear())
    : undefined;
}

/**
 * A participant's proposal before an answer: its listings and, once opened, its participants'
 * accounts (one batch read), which the answer's view is then built from; 404 to anyone else.
 */
async function readForAnswer(db: Database, caller: User, match: StoredMatch) {
  const { listings, users } = await listingsAndContactsOf(db, match);
  const mine = viewerListingOf(caller, match, listings);
  if (!mine) throw new NotFoundError('Proposition introuvable.');
  return { listings, users, mine };
}

/** What an answer returns: the proposal as its transaction wrote it, without reading it again. */
async function viewAfterWrite(
  deps: MatchServiceDeps,
  caller: User,
  written: StoredMatch,
  readVersion: number,
  listings: Map<string, Listing>,
  users: Map<string, User>,
): Promise<MatchView> {
  return participantViewOf(
    caller,
    { ...written, version: readVersion + 1 },
    listings,
    users,
    await ceilingsOf(deps),
  );
}

export async function answerMatch(
  deps: MatchServiceDeps,
  caller: User,
  matchId: string,
  interested: boolean,
  consent?: Consent,
): Promise<MatchView> {
  const match = await getMatch(deps.db, matchId);
  const { listings, mine, users: accountsRead } = await readForAnswer(deps.db, caller, match);
  // The participants' accounts, for the contacts the view shows once everyone said yes.
  let users = accountsRead;
  const now = deps.now();
  const agreed = consentFor(caller, mine, consent, interested ? 'match-yes' : 'match-no', now);
  const answered = withConsent(
    { ...recordInterest(match, mine.id, interested), updatedAt: now.toISOString() },
    agreed,
  );
  const mails: TransactItem[] = [];
  if (answered.status === 'mutual' && match.status !== 'mutual') {
    const owners = await getUsers(
      deps.db,
      answered.participants.map((participant) => participant.ownerId),
    );
    users = owners;
    for (const participant of answered.participants) {
      const holder = listings.get(participant.listingId) ?? { ownerId: participant.ownerId };
      mails.push(
        ...(await mailsToListingHolders(
          deps.db,
          holder,
          mutualMatchMail(deps.appUrl, match.id),
          'match-mutual',
          now,
          {},
          owners.get(participant.ownerId),
        )),
      );
    }
    mails.push(swapNudgePut(deps.db, match.id, now));
  }
  await transactWrite(
    deps.db,
    [
      ...matchUpdateItems(deps.db, answered, match.version),
      auditPut(
        deps.db,
        {
          actorId: caller.id,
          actorRole: caller.role,
          action: interested ? 'match-yes' : 'match-no',
          subject: `match:${match.id}`,
          details: { listingId: mine.id, status: answered.status, ...consentDetails(agreed) },
        },
        now,
      ),
      ...mails,
    ],
    () => new ConflictError('Un autre participant a répondu au même moment. Rechargez la page.'),
  );
  return viewAfterWrite(deps, caller, answered, match.version, listings, users);
}

/** "Visite faite : le logement me convient / ne me convient pas." */
export async function reportVisit(
  deps: MatchServiceDeps,
  caller: User,
  matchId: string,
  suitable: boolean,
  consent?: Consent,
): Promise<MatchView> {
  const match = await getMatch(deps.db, matchId);
  const { listings, users, mine } = await readForAnswer(deps.db, caller, match);
  const now = deps.now();
  const agreed = consentFor(caller, mine, consent, 'visit', now);
  const visited = withConsent(
    { ...recordVisit(match, mine.id, suitable, now.toISOString()), updatedAt: now.toISOString() },
    agreed,
  );
  const notices =
    visited.status === 'declined' ? await visitDeclinedNotices(deps, visited, mine.id, now) : [];
  await transactWrite(
    deps.db,
    [
      ...matchUpdateItems(deps.db, visited, match.version),
      auditPut(
        deps.db,
        {
          actorId: caller.id,
          actorRole: caller.role,
          action: 'match-visit',
          subject: `match:${match.id}`,
          details: { listingId: mine.id, suitable, ...consentDetails(agreed) },
        },
        now,
      ),
      ...notices,
    ],
    () => new ConflictError('La proposition a changé entre-temps. Rechargez la page.'),
  );
  return viewAfterWrite(deps, caller, visited, match.version, listings, users);
}

async function participantOfOpenThread(deps: MatchServiceDeps, caller: User, matchId: string) {
  const match = await getMatch(deps.db, matchId);
  const mine = await viewerListing(deps.db, caller, match);
  if (!mine) throw new NotFoundError('Proposition introuvable.');
  if (match.status !== 'mutual' && match.status !== 'engaged')
    throw new ConflictError('La messagerie s’ouvre quand tous les participants ont dit oui.');
  return { match, mine };
}

export async function listMessages(deps: MatchServiceDeps, caller: User, matchId: string) {
  const { match, mine } = await participantOfOpenThread(deps, caller, matchId);
  const messages = await messagesOf(deps.db, match.id);
  const position = (listingId: string) => match.listingIds.indexOf(listingId) + 1;
  return messages.map((m) => ({
    id: m.id,
    fromMe: m.authorListingId === mine.id,
    author: m.authorListingId === mine.id ? 'Vous' : `Participant ${position(m.authorListingId)}`,
    text: m.text,
    sentAt: m.sentAt,
  }));
}

export async function postMessage(
  deps: MatchServiceDeps,
  caller: User,
  matchId: string,
  text: string,
) {
  const { match, mine } = await participantOfOpenThread(deps, caller, matchId);
  const now = deps.now();
  const { item, message } = messagePut(
    deps.db,
    {
      matchId: match.id,
      authorListingId: mine.id,
      authorId: caller.id,
      text,
      sentAt: now.toISOString(),
    },
    now,
  );
  await transactWrite(deps.db, [item]);
  // Mail each other participant at most once an hour for this thread; a lost race just skips the mail.
  const hour = formatInTimeZone(now, 'yyyy-MM-dd-HH');
  const listings = await getListings(deps.db, match.listingIds);
  for (const participant of match.participants.filter((p) => p.listingId !== mine.id)) {
    const holder = listings.get(participant.listingId) ?? { ownerId: participant.ownerId };
    const notices = await mailsToListingHolders(
      deps.db,
      holder,
      newMessageMail(deps.appUrl, match.id),
      'match-message',
      now,
      { notice: true },
    );
    if (notices.length === 0) continue;
    await transactWrite(deps.db, [
      messageNoticePut(deps.db, match.id, participant.ownerId, hour, now),
      ...notices,
    ]).catch((error: unknown) => {
      // Another message this hour already queued the notice, or is queuing it at this instant (a
      // collision, also a ConflictError): either way nothing more to send.
      if (!(error instanceof ConflictError)) throw error;
    });
  }
  return {
    id: message.id,
    fromMe: true,
    author: 'Vous',
    text: message.text,
    sentAt: message.sentAt,
  };
}

/** Whether `caller` has a proposal with `listing` (then they may read its public view). */
export async function isMatchedWith(
  db: Database,
  caller: User,
  listing: Listing,
): Promise<boolean> {
  if (caller.role !== 'tenant') return false;
  // Links alone answer it: the proposals of that listing that are also linked to one of mine.
  const [theirs, mine] = await Promise.all([
    linksOfListing(db, listing.id),
    listingsOfOwner(db, caller.id),
  ]);
  const open = new Set(
    theirs.filter((link) => link.status !== 'closed').map((link) => link.matchId),
  );
  if (open.size === 0) return false;
  for (const own of mine)
    if ((await linksOfListing(db, own.id)).some((link) => open.has(link.matchId))) return true;
  return false;
}

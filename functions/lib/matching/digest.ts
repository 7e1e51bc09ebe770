/**
 * Every proposal found is announced, in at most one mail a day (or a week, as the tenant chose):
 * new proposals join the tenant's queue; the queue is sent at once when the pace allows, otherwise
 * by the daily digest job (functions/scheduler/proposal-digests.ts), which lists them all.
 */
import { digestDue } from '../../../shared/match/digest-pace';
import type { ReferenceData } from '../../../shared/reference/index';
import type { ProposalFrequency, User } from '../../../shared/schemas/user';
import type { Database } from '../db/client';
import { getListings } from '../db/listings';
import { getMatches, type StoredMatch } from '../db/matches';
import { bestRankedShownIds } from '../db/shown-proposals';
import { outboxPut } from '../db/outbox';
import {
  digestQueueDelete,
  digestSentPut,
  enqueueProposals,
  getDigestQueue,
  lastDigestSentAt,
  lastDigestsSentAt,
} from '../db/proposal-digests';
import { cachedReferenceData } from '../db/reference';
import { transactUnlessDone } from '../db/transact';
import { getUser, getUsers } from '../db/users';
import { reachableEmail } from '../mail/addresses';
import { proposalsDigestMail, type AnnouncedProposal } from '../mail/digest-mails';
import { byRank, shownGroupOf } from '../../../shared/match/shown';
import { receivedDwelling, receivedVacancy } from '../../../shared/listing/views';
import type { AppContext } from '../app-context';

export type DigestDeps = Pick<AppContext, 'db' | 'now' | 'appUrl'>;

/** Proposals still worth announcing: nobody closed or declined them meanwhile. */
const OPEN = new Set<StoredMatch['status']>(['proposed', 'mutual']);

const references = new WeakMap<Database, () => Promise<ReferenceData>>();
function referenceOf(db: Database): () => Promise<ReferenceData> {
  let read = references.get(db);
  if (!read) references.set(db, (read = cachedReferenceData(db, 600_000)));
  return read;
}

/** The pace of "nouvelles propositions" mails the owner chose, `never` when no mail can reach them. */
function proposalPace(user: User | undefined): ProposalFrequency {
  if (!reachableEmail(user) || user?.notifications?.email === false) return 'never';
  return user?.notifications?.proposals ?? 'daily';
}

/**
 * Queues the new proposals of each participant who gets such mails, then sends the digests that
 * are due; the others find them on their page. Returns the mails sent.
 */
export async function announceNewProposals(
  deps: DigestDeps,
  created: StoredMatch[],
): Promise<number> {
  const perOwner = new Map<string, string[]>();
  for (const match of created)
    for (const p of match.participants)
      perOwner.set(p.ownerId, [...(perOwner.get(p.ownerId) ?? []), match.id]);
  const owners = await getUsers(deps.db, perOwner.keys());
  const mailed = [...perOwner].filter(([ownerId]) => proposalPace(owners.get(ownerId)) !== 'never');
  if (mailed.length === 0) return 0;
  const [, lastSent] = await Promise.all([
    Promise.all(mailed.map(([ownerId, matchIds]) => enqueueProposals(deps.db, ownerId, matchIds))),
    lastDigestsSentAt(
      deps.db,
      mailed.map(([ownerId]) => ownerId),
    ),
  ]);
  const now = deps.now();
  // Most owners had today's mail already: their queue waits for the daily job, unread here.
  const due = mailed.filter(([ownerId]) =>
    digestDue(proposalPace(owners.get(ownerId)), lastSent.get(ownerId), now),
  );
  const sent = await Promise.all(
    due.map(([ownerId]) =>
      sendDigestIfDue(deps, ownerId, {
        owner: owners.get(ownerId),
        lastSentAt: lastSent.get(ownerId) ?? null,
      }),
    ),
  );
  return sent.filter(Boolean).length;
}

/**
 * Sends the owner's queued proposals in one mail if their pace allows it now. The queue is emptied,
 * the time recorded and the mail written in one transaction, each on the state it was read in:
 * a proposal queued meanwhile or a digest sent by a concurrent run makes this one do nothing.
 * `known`: the owner and their last digest (`null`: none yet), when the caller read them already.
 */
export async function sendDigestIfDue(
  deps: DigestDeps,
  ownerId: string,
  known: { owner?: User; lastSentAt?: Date | null } = {},
): Promise<boolean> {
  const user = known.owner ?? (await getUser(deps.db, ownerId));
  const queue = await getDigestQueue(deps.db, ownerId);
  if (!queue) return false;
  const now = deps.now();
  const frequency = proposalPace(user);
  const to = reachableEmail(user);
  if (!to || frequency === 'never') {
    // Nobody to write to, or they asked for no such mail: the proposals are on their page.
    return transactUnlessDone(deps.db, [digestQueueDelete(deps.db, queue)]).then(() => false);
  }
  const previous =
    known.lastSentAt === undefined
      ? await lastDigestSentAt(deps.db, ownerId)
      : (known.lastSentAt ?? undefined);
  if (!digestDue(frequency, previous, now)) return false;
  const proposals = await stillOpen(deps.db, ownerId, queue.matchIds);
  if (proposals.length === 0)
    return transactUnlessDone(deps.db, [digestQueueDelete(deps.db, queue)]).then(() => false);
  const mail = proposalsDigestMail(deps.appUrl, proposals, frequency, await referenceOf(deps.db)());
  return transactUnlessDone(deps.db, [
    digestQueueDelete(deps.db, queue),
    digestSentPut(deps.db, ownerId, previous, now),
    outboxPut(deps.db, { to, ...mail, kind: 'proposals-digest' }, now),
  ]);
}

async function stillOpen(
  db: Database,
  ownerId: string,
  matchIds: string[],
): Promise<AnnouncedProposal[]> {
  const open = (await getMatches(db, matchIds))
    .filter((match) => OPEN.has(match.status))
    .sort(byRank);
  const matches = await shownToOwner(db, ownerId, open);
  const listings = await getListings(
    db,
    matches.flatMap((match) => match.listingIds),
  );
  return matches.map((match) => {
    // The owner moves into the dwelling of the next participant in the cycle; in a chain, the previous one's or the vacancy.
    const at = match.listingIds.findIndex(
      (id) => match.participants.find((p) => p.listingId === id)?.ownerId === ownerId,
    );
    if (match.kind === 'chain' && at === 0 && match.chain)
      return {
        matchId: match.id,
        kind: match.kind,
        receives: receivedVacancy(match.chain.vacancy),
      };
    const nextAt = match.kind === 'chain' ? at - 1 : (at + 1) % match.listingIds.length;
    const next = listings.get(match.listingIds[nextAt]!);
    return {
      matchId: match.id,
      kind: match.kind,
      ...(next ? { receives: receivedDwelling(next) } : {}),
    };
  });
}

/**
 * Those of `matches` the owner's page lists (`selectShown`): a 3-way or chain found through a
 * neighbour's best is announced only once it is among the owner's best 50 or someone answered it,
 * so that the mail's "vous les trouverez toutes sur votre page" holds.
 */
async function shownToOwner(
  db: Database,
  ownerId: string,
  matches: StoredMatch[],
): Promise<StoredMatch[]> {
  const ownListingOf = (match: StoredMatch) =>
    match.participants.find((participant) => participant.ownerId === ownerId)?.listingId;
  const ranked = new Set(
    matches.filter((match) => shownGroupOf(match) === 'ranked').map(ownListingOf),
  );
  ranked.delete(undefined);
  const best = new Map(
    await Promise.all(
      [...ranked].map(async (id) => [id, await bestRankedShownIds(db, id!)] as const),
    ),
  );
  return matches.filter(
    (match) =>
      shownGroupOf(match) !== 'ranked' || best.get(ownListingOf(match))?.has(match.id) === true,
  );
}

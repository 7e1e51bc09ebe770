/**
 * Writes one swap transition as one DynamoDB transaction: the swap (version-checked), its review
 * items, every listing whose status follows from the swap's (checked: same version, expected
 * status), a chain's vacancy likewise, the match, the audit item and the mails. A listing or a
 * vacancy can therefore be engaged by one swap only, even when several requests race: the losers'
 * conditions fail and they get a 409.
 */
import { addDays } from 'date-fns';
import { ConflictError, type AppError } from '../../../shared/errors';
import { expiryFrom } from '../../../shared/listing/lifecycle';
import { vacancyStatusFor } from '../../../shared/swap/chain';
import type { MatchStatus } from '../../../shared/match/lifecycle';
import type { Listing } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';
import {
  isAwaitingDecision,
  listingStatusFor,
  type Swap,
  type SwapReview,
} from '../../../shared/swap/lifecycle';
import { auditPut } from '../db/audit';
import type { Database } from '../db/client';
import { expiryScheduleItems } from '../db/expiry';
import { activeListingGuardDelete } from '../db/listings';
import { matchUpdateItems, type StoredMatch } from '../db/matches';
import {
  ListingAlreadyEngagedError,
  SwapChangedError,
  listingSwapPut,
  swapCreatePut,
  swapUpdatePut,
} from '../db/swaps';
import { reviewCreatePut, reviewUpdate } from '../db/swap-reviews';
import { named, transactWrite, TransactionCollisionError, type TransactItem } from '../db/transact';
import { VACANCY_DAYS, vacancySwapPut, type StoredVacancy } from '../db/vacancies';
import type { AppContext } from '../app-context';

export class VacancyAlreadyEngagedError extends ConflictError {
  constructor() {
    super(
      'Le logement vacant de cette chaîne est déjà engagé dans un autre échange, ou a changé entre-temps.',
    );
  }
}

export type SwapDeps = Pick<AppContext, 'db' | 'now' | 'appUrl' | 'reference'> & {
  /** Days lessors have to review, from the last confirmation (default 30). */
  reviewDays?: number;
};

export interface Transition {
  before?: Swap;
  after: Swap;
  /** The swap's listings as read. */
  listings: Map<string, Listing>;
  /** A chain's vacancy as read: its status follows the swap's (`vacancyStatusFor`). */
  vacancy?: StoredVacancy;
  /** The swap's match as read, and the status it takes (engaged on request, closed when the swap fails). */
  match?: { stored: StoredMatch; status: MatchStatus };
  actor: User;
  action: string;
  details?: Record<string, string | number | boolean>;
  mails: TransactItem[];
}

/** DynamoDB accepts 100 items per transaction; mails beyond that follow right after the commit. */
const MAX_TRANSACTION_ITEMS = 100;

const isOpen = (swap: Swap | undefined, review: SwapReview) =>
  swap?.status === 'under_review' && isAwaitingDecision(review);

function reviewItems(db: Database, before: Swap | undefined, after: Swap): TransactItem[] {
  const previous = new Map(before?.reviews.map((review) => [review.listingId, review]));
  return after.reviews.flatMap((review) => {
    const old = previous.get(review.listingId);
    if (!old) return [reviewCreatePut(db, after, review)];
    const changed =
      old.decision !== review.decision ||
      old.decidedAt !== review.decidedAt ||
      isOpen(before, old) !== isOpen(after, review);
    return changed ? [reviewUpdate(db, after.id, review, isOpen(after, review))] : [];
  });
}

/** The conditions a swap's transaction is written with, by name (see `named`). */
const SWAP_CONDITION = {
  swapUnchangedOrNew: 'swapUnchangedOrNew',
  listingInExpectedState: 'listingInExpectedState',
  vacancyStillFree: 'vacancyStillFree',
  matchUnchanged: 'matchUnchanged',
} as const;

function listingItems(db: Database, transition: Transition, now: Date): TransactItem[] {
  const target = listingStatusFor(transition.after.status);
  const current = transition.before ? listingStatusFor(transition.before.status) : 'published';
  const items: TransactItem[] = [];
  if (transition.before && target === current) return items;
  for (const participant of transition.after.participants) {
    const listing = transition.listings.get(participant.listingId)!;
    let updated: Listing = { ...listing, status: target, updatedAt: now.toISOString() };
    const extra: TransactItem[] = [];
    // Back on the market after a long review: a publication that lapsed meanwhile starts again.
    if (target === 'published' && listing.expiresAt && new Date(listing.expiresAt) <= now) {
      updated = { ...updated, expiresAt: expiryFrom(now).toISOString() };
      extra.push(...expiryScheduleItems(db, listing, updated));
    }
    if (target === 'exchanged') extra.push(activeListingGuardDelete(db, listing.ownerId));
    items.push(
      named(
        SWAP_CONDITION.listingInExpectedState,
        listingSwapPut(db, updated, listing.version, current, now),
      ),
      ...extra,
    );
  }
  return items;
}

/** The chain's vacancy when the swap's step changes what it is (engaged, let, open again). */
function vacancyItem(db: Database, transition: Transition, now: Date): TransactItem | undefined {
  const { before, after, vacancy } = transition;
  if (!after.chain) return undefined;
  const target = vacancyStatusFor(after.status);
  const current = before ? vacancyStatusFor(before.status) : 'open';
  if (before && target === current) return undefined;
  if (!vacancy || vacancy.id !== after.chain.vacancyId)
    throw new Error(`the vacancy of chain swap ${after.id} was not read`);
  const at = now.toISOString();
  // Open again after a long review: an offer that would have lapsed meanwhile starts again.
  const lapsed = target === 'open' && vacancy.expiresAt <= at;
  const updated: StoredVacancy = {
    ...vacancy,
    status: target,
    updatedAt: at,
    ...(lapsed ? { expiresAt: addDays(now, VACANCY_DAYS).toISOString() } : {}),
  };
  return vacancySwapPut(db, updated, vacancy.version, current);
}

export async function commitTransition(deps: SwapDeps, transition: Transition): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const { before, after } = transition;
  const items: TransactItem[] = [
    named(
      SWAP_CONDITION.swapUnchangedOrNew,
      before ? swapUpdatePut(db, after, before.version) : swapCreatePut(db, after),
    ),
    ...reviewItems(db, before, after),
  ];
  items.push(...listingItems(db, transition, now));
  const vacancy = vacancyItem(db, transition, now);
  if (vacancy) items.push(named(SWAP_CONDITION.vacancyStillFree, vacancy));
  if (transition.match) {
    const { stored, status } = transition.match;
    // The match names the swap made of it, so that a participant's export and erasure find it.
    const [matchPut, ...links] = matchUpdateItems(
      db,
      {
        ...stored,
        status,
        resumeStatus: undefined,
        updatedAt: now.toISOString(),
        ...(before ? {} : { swapId: after.id }),
      },
      stored.version,
    );
    items.push(named(SWAP_CONDITION.matchUnchanged, matchPut!), ...links);
  }
  items.push(
    auditPut(
      db,
      {
        actorId: transition.actor.id,
        actorRole: transition.actor.role,
        action: transition.action,
        subject: `swap:${after.id}`,
        details: { status: after.status, ...transition.details },
      },
      now,
    ),
  );
  const room = MAX_TRANSACTION_ITEMS - items.length;
  const overflow = transition.mails.slice(room);
  items.push(...transition.mails.slice(0, room));

  await transactWrite(db, items, ({ names }): AppError => {
    if (names.has(SWAP_CONDITION.listingInExpectedState)) return new ListingAlreadyEngagedError();
    if (names.has(SWAP_CONDITION.vacancyStillFree)) return new VacancyAlreadyEngagedError();
    if (names.has(SWAP_CONDITION.matchUnchanged))
      return new ConflictError('La proposition a changé entre-temps. Rechargez la page.');
    return before ? new SwapChangedError() : new ConflictError('Cet échange existe déjà.');
  });
  for (let start = 0; start < overflow.length; start += MAX_TRANSACTION_ITEMS)
    await transactWrite(db, overflow.slice(start, start + MAX_TRANSACTION_ITEMS));
}

/** Whether the error is a transaction that lost a race without any condition failing: worth re-reading and retrying. */
function isTransientConflict(error: unknown): boolean {
  return error instanceof TransactionCollisionError;
}

/** Runs a use case again (it re-reads) when its transaction collided with a concurrent one. */
export async function withConflictRetry<T>(useCase: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await useCase();
    } catch (error) {
      if (attempt >= attempts || !isTransientConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
}

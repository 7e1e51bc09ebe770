/**
 * Use cases of swaps (docs/api.md "Swaps"): request from a mutual match (a cycle, or a chain of
 * mutation: ./chain-steps.ts), confirm, review, complete, cancel. Each reads, checks who may act, applies the pure lifecycle and commits the
 * whole transition in one transaction (./commit.ts).
 */
import { ulid } from 'ulid';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors';
import type { Listing } from '../../../shared/schemas/listing';
import type { ReviewBody, SwapView } from '../../../shared/schemas/swap';
import type { User } from '../../../shared/schemas/user';
import {
  cancelSwap,
  completeSwap,
  confirmSwap,
  decideReview,
  requestSwap as newSwap,
  type Swap,
} from '../../../shared/swap/lifecycle';
import { getListings } from '../db/listings';
import { getMatch } from '../db/matches';
import { ListingAlreadyEngagedError, getSwap } from '../db/swaps';
import type { TransactItem } from '../db/transact';
import { canManage } from '../listings/access';
import { consentDetails, consentFor, withConsent } from '../listings/consent';
import type { Consent } from '../../../shared/schemas/consent';
import * as mails from '../mail/swap-mails';
import { assertViewer, canReview, isStaffViewer, listingToConfirm } from './access';
import { commitTransition, withConflictRetry, type SwapDeps } from './commit';
import { readSwap } from './queries';
import { participantMails, requesterName, staffMails } from './recipients';
import { countMetric, METRIC } from '../metrics';
import { chainSwapOf, releasedDwellingMails, vacancyOfSwap } from './chain-steps';
import { underReviewMails } from './review-mails';

export type { SwapDeps } from './commit';

async function load(deps: SwapDeps, caller: User, swapId: string) {
  const swap = await getSwap(deps.db, swapId);
  const [listings, vacancy] = await Promise.all([
    getListings(
      deps.db,
      swap.participants.map((p) => p.listingId),
    ),
    vacancyOfSwap(deps, swap),
  ]);
  return { swap, listings, vacancy, viewer: assertViewer(caller, swap, listings) };
}

function assertFree(listings: Listing[]): void {
  if (listings.some((l) => l.status === 'engaged')) throw new ListingAlreadyEngagedError();
  if (listings.some((l) => l.status !== 'published'))
    throw new ConflictError(
      'Une des annonces n’est plus publiée : l’échange ne peut pas être demandé.',
    );
  if (listings.some((l) => l.verification !== 'verified')) {
    throw new ConflictError(
      'Chaque logement doit d’abord être vérifié par son bailleur : au moins une annonce attend encore cette vérification.',
    );
  }
}

export async function requestSwap(
  deps: SwapDeps,
  caller: User,
  matchId: string,
  consent?: Consent,
): Promise<SwapView> {
  const swapId = await withConflictRetry(async () => {
    const match = await getMatch(deps.db, matchId);
    const listings = await getListings(deps.db, match.listingIds);
    const mine = match.listingIds.find(
      (id) => listings.get(id) && canManage(caller, listings.get(id)!),
    );
    if (!mine) throw new NotFoundError('Proposition introuvable.');
    if (match.status === 'engaged')
      throw new ConflictError('Un échange est déjà demandé pour cette proposition.');
    if (match.status === 'suspended')
      throw new ConflictError(
        'Cette proposition est en pause : un des logements est engagé dans un autre échange ou son annonce a changé.',
      );
    if (match.status !== 'mutual')
      throw new ConflictError(
        'Tous les participants doivent avoir dit oui avant de demander l’échange.',
      );
    const cycle = match.listingIds.map((id) => listings.get(id));
    if (cycle.some((l) => !l)) throw new ConflictError('Une des annonces n’existe plus.');
    assertFree(cycle as Listing[]);
    const now = deps.now();
    const agreed = consentFor(caller, listings.get(mine)!, consent, 'swap-request', now);
    const id = ulid(now.getTime());
    const requested =
      match.kind === 'chain'
        ? await chainSwapOf(
            deps,
            { id, match, movers: cycle as Listing[], requesterListingId: mine },
            now,
          )
        : {
            swap: newSwap({
              id,
              matchId,
              cycle: (cycle as Listing[]).map((l) => ({
                listingId: l.id,
                ownerId: l.ownerId,
                lessorId: l.dwelling.lessorId,
              })),
              requesterListingId: mine,
              now,
            }),
            vacancy: undefined,
          };
    const swap = withConsent(requested.swap, agreed);
    const requester = await requesterName(deps.db, listings.get(mine));
    const toSend = await participantMails(
      deps.db,
      swap,
      listings,
      (id) =>
        id !== mine
          ? mails.swapRequestedMail(deps.appUrl, swap.id, requester)
          : // A lone mover's chain is already under review: that mail (below) tells them so.
            swap.status === 'awaiting_confirmations'
            ? mails.swapRequestSentMail(deps.appUrl, swap.id)
            : undefined,
      'swap-requested',
      now,
    );
    // A chain of one mover has nobody else to wait for: it goes to review at once.
    toSend.push(...(await underReviewMails(deps, swap, listings, now)));
    await commitTransition(deps, {
      after: swap,
      listings,
      vacancy: requested.vacancy,
      match: { stored: match, status: 'engaged' },
      actor: caller,
      action: 'swap-requested',
      details: { matchId, listingId: mine, ...consentDetails(agreed) },
      mails: toSend,
    });
    return swap.id;
  });
  countMetric(METRIC.swapsRequested);
  return readSwap(deps, caller, swapId);
}

export async function confirmSwapRequest(
  deps: SwapDeps,
  caller: User,
  swapId: string,
  consent?: Consent,
): Promise<SwapView> {
  await withConflictRetry(async () => {
    const { swap, listings, vacancy, viewer } = await load(deps, caller, swapId);
    const listingId = listingToConfirm(viewer, swap);
    const now = deps.now();
    const confirmed = confirmSwap(swap, listingId, now, deps.reviewDays);
    const agreed = consentFor(caller, listings.get(listingId)!, consent, 'swap-confirm', now);
    const after = withConsent(confirmed, agreed);
    const toSend = await underReviewMails(deps, after, listings, now);
    await commitTransition(deps, {
      before: swap,
      after,
      listings,
      vacancy,
      actor: caller,
      action: 'swap-confirmed',
      details: { listingId, ...consentDetails(agreed) },
      mails: toSend,
    });
  });
  return readSwap(deps, caller, swapId);
}

export async function reviewSwap(
  deps: SwapDeps,
  caller: User,
  swapId: string,
  input: ReviewBody,
): Promise<SwapView> {
  await withConflictRetry(async () => {
    const { swap, listings, vacancy, viewer } = await load(deps, caller, swapId);
    const review = swap.reviews.find((r) => r.listingId === input.listingId);
    if (!isStaffViewer(viewer) || (review && !canReview(viewer, review))) {
      throw new ForbiddenError(
        'Seul le bailleur du logement concerné (ou Armos) peut rendre cette décision.',
      );
    }
    const now = deps.now();
    const after = decideReview(swap, input, caller.id, now);
    const toSend = await decisionMails(deps, swap, after, listings, input, now);
    await commitTransition(deps, {
      before: swap,
      after,
      listings,
      vacancy,
      ...(after.status === 'refused'
        ? { match: { stored: await getMatch(deps.db, swap.matchId), status: 'closed' as const } }
        : {}),
      actor: caller,
      action: 'swap-review',
      details: {
        listingId: input.listingId,
        decision: input.decision,
        ...(input.reason ? { reason: input.reason } : {}),
      },
      mails: toSend,
    });
  });
  return readSwap(deps, caller, swapId);
}

async function decisionMails(
  deps: SwapDeps,
  swap: Swap,
  after: Swap,
  listings: Map<string, Listing>,
  input: ReviewBody,
  now: Date,
): Promise<TransactItem[]> {
  const review = after.reviews.find((r) => r.listingId === input.listingId)!;
  if (after.status === 'approved') {
    return [
      ...(await participantMails(
        deps.db,
        after,
        listings,
        () => mails.swapApprovedMail(deps.appUrl, swap.id, false),
        'swap-approved',
        now,
      )),
      ...(await staffMails(
        deps.db,
        'lessor',
        after.lessorIds,
        mails.swapApprovedMail(deps.appUrl, swap.id, true),
        'swap-approved',
        now,
      )),
    ];
  }
  if (after.status === 'refused') {
    return [
      ...(await participantMails(
        deps.db,
        after,
        listings,
        (id) =>
          mails.swapRefusedMail(
            deps.appUrl,
            swap.id,
            false,
            input.reason,
            id === review.incomingListingId,
          ),
        'swap-refused',
        now,
      )),
      ...(await staffMails(
        deps.db,
        'lessor',
        after.lessorIds,
        mails.swapRefusedMail(deps.appUrl, swap.id, true, input.reason),
        'swap-refused',
        now,
      )),
    ];
  }
  if (input.decision === 'documents_requested') {
    return participantMails(
      deps.db,
      after,
      listings,
      (id) =>
        id === review.incomingListingId
          ? mails.documentsRequestedMail(deps.appUrl, swap.id, input.comment)
          : undefined,
      'swap-documents-requested',
      now,
    );
  }
  return [];
}

export async function completeSwapRequest(
  deps: SwapDeps,
  caller: User,
  swapId: string,
  effectiveDate: string,
): Promise<SwapView> {
  await withConflictRetry(async () => {
    const { swap, listings, vacancy, viewer } = await load(deps, caller, swapId);
    if (!isStaffViewer(viewer))
      throw new ForbiddenError(
        'Seuls les bailleurs concernés et Armos enregistrent la réalisation de l’échange.',
      );
    const now = deps.now();
    const after = completeSwap(swap, effectiveDate, now);
    const toSend = [
      ...(await participantMails(
        deps.db,
        after,
        listings,
        () => mails.swapCompletedMail(deps.appUrl, swapId, effectiveDate, false),
        'swap-completed',
        now,
      )),
      ...(await staffMails(
        deps.db,
        'lessor',
        after.lessorIds,
        mails.swapCompletedMail(deps.appUrl, swapId, effectiveDate, true),
        'swap-completed',
        now,
      )),
      ...(await releasedDwellingMails(deps, after, listings, now)),
    ];
    await commitTransition(deps, {
      before: swap,
      after,
      listings,
      vacancy,
      actor: caller,
      action: 'swap-completed',
      details: { effectiveDate },
      mails: toSend,
    });
  });
  countMetric(METRIC.swapsCompleted);
  return readSwap(deps, caller, swapId);
}

export async function cancelSwapRequest(
  deps: SwapDeps,
  caller: User,
  swapId: string,
  reason: string,
): Promise<SwapView> {
  await withConflictRetry(async () => {
    const { swap, listings, vacancy, viewer } = await load(deps, caller, swapId);
    const by = viewer.armos
      ? 'armos'
      : viewer.participantListingIds.length > 0
        ? 'participant'
        : undefined;
    if (!by)
      throw new ForbiddenError('Seuls les participants et Armos peuvent annuler un échange.');
    const now = deps.now();
    const after = cancelSwap(swap, by, reason, now);
    const toSend = [
      ...(await participantMails(
        deps.db,
        after,
        listings,
        () => mails.swapCancelledMail(deps.appUrl, swapId, false, by === 'armos'),
        'swap-cancelled',
        now,
      )),
      ...(swap.reviews.length > 0
        ? await staffMails(
            deps.db,
            'lessor',
            after.lessorIds,
            mails.swapCancelledMail(deps.appUrl, swapId, true, by === 'armos'),
            'swap-cancelled',
            now,
          )
        : []),
    ];
    await commitTransition(deps, {
      before: swap,
      after,
      listings,
      vacancy,
      match: { stored: await getMatch(deps.db, swap.matchId), status: 'closed' },
      actor: caller,
      action: 'swap-cancelled',
      details: { by, previousStatus: swap.status },
      mails: toSend,
    });
  });
  return readSwap(deps, caller, swapId);
}

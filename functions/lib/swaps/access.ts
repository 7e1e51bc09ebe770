/**
 * Who may see and act on a swap: its participants (the tenants, or the reception agent managing
 * a listing), the lessors of its dwellings, Armos. Anyone else gets 404: existence is not revealed.
 */
import { ForbiddenError, NotFoundError } from '../../../shared/errors';
import type { Listing } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';
import { isActive, isAwaitingDecision, type Swap } from '../../../shared/swap/lifecycle';
import { canManage } from '../listings/access';

export interface SwapViewer {
  user: User;
  /** The caller's listings in the swap (usually one). */
  participantListingIds: string[];
  /** A lessor with a dwelling in the swap. */
  lessor: boolean;
  armos: boolean;
}

export const isStaffViewer = (viewer: SwapViewer) => viewer.lessor || viewer.armos;

export function viewerOf(
  user: User,
  swap: Swap,
  listings: Map<string, Listing>,
): SwapViewer | undefined {
  const participantListingIds = swap.participants
    .filter((p) => {
      const listing = listings.get(p.listingId);
      return listing ? canManage(user, listing) : p.ownerId === user.id;
    })
    .map((p) => p.listingId);
  const lessor =
    user.role === 'lessor' && user.lessorId !== undefined && swap.lessorIds.includes(user.lessorId);
  const armos = user.role === 'armos';
  if (participantListingIds.length === 0 && !lessor && !armos) return undefined;
  return { user, participantListingIds, lessor, armos };
}

export function assertViewer(user: User, swap: Swap, listings: Map<string, Listing>): SwapViewer {
  const viewer = viewerOf(user, swap, listings);
  if (!viewer) throw new NotFoundError('Échange introuvable.');
  return viewer;
}

export function assertParticipant(viewer: SwapViewer): string {
  const listingId = viewer.participantListingIds[0];
  if (!listingId)
    throw new ForbiddenError('Seuls les participants de l’échange peuvent faire cette action.');
  return listingId;
}

/** The listing a participant confirms for: the first of theirs not confirmed yet. */
export function listingToConfirm(viewer: SwapViewer, swap: Swap): string {
  assertParticipant(viewer);
  const pending = swap.participants.find(
    (p) => viewer.participantListingIds.includes(p.listingId) && !p.confirmed,
  );
  return pending?.listingId ?? viewer.participantListingIds[0]!;
}

export function canReview(viewer: SwapViewer, review: { lessorId: string }): boolean {
  return viewer.armos || (viewer.lessor && viewer.user.lessorId === review.lessorId);
}

/** What the caller may do now, for the interface's buttons. */
export function actionsOf(viewer: SwapViewer, swap: Swap) {
  const participant = viewer.participantListingIds.length > 0;
  return {
    confirm:
      swap.status === 'awaiting_confirmations' &&
      swap.participants.some(
        (p) => viewer.participantListingIds.includes(p.listingId) && !p.confirmed,
      ),
    cancel:
      (participant &&
        (swap.status === 'awaiting_confirmations' || swap.status === 'under_review')) ||
      (viewer.armos && isActive(swap.status)),
    review:
      swap.status === 'under_review'
        ? swap.reviews
            .filter((r) => isAwaitingDecision(r) && canReview(viewer, r))
            .map((r) => r.listingId)
        : [],
    complete: swap.status === 'approved' && isStaffViewer(viewer),
    file: isStaffViewer(viewer),
  };
}

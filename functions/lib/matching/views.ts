/**
 * What a participant sees of a stored proposal. Contacts only once everyone said yes and every
 * listing is verified by its lessor: an unverified listing could be a fake one harvesting
 * phone numbers. Until then the masked messaging serves.
 */
import { publicDwelling } from '../../../shared/listing/views';
import type { MatchView } from '../../../shared/schemas/match';
import type { Listing } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';
import type { StoredMatch } from '../db/matches';
import { reachableEmail } from '../mail/addresses';

export function matchView(
  match: StoredMatch,
  viewerListingId: string | undefined,
  listings: Map<string, Listing>,
  contacts?: Map<string, User>,
): MatchView {
  const ids = match.listingIds;
  const chain = match.kind === 'chain' ? match.chain : undefined;
  /** The dwelling participant `i` would move into: the next one's in a cycle; the previous one's, or the vacancy, in a chain. */
  const receivesOf = (i: number) => {
    if (chain) return i === 0 ? chain.vacancy : publicOf(listings.get(ids[i - 1]!));
    return publicOf(listings.get(ids[(i + 1) % ids.length]!));
  };
  const explanation = (viewerListingId && match.explanations[viewerListingId]) ||
    match.explanations[ids[0]!] || { summary: '', reasons: [] };
  const opened = match.status === 'mutual' || match.status === 'engaged';
  const everyoneVerified = ids.every((id) => listings.get(id)?.verification === 'verified');
  const showContacts = contacts !== undefined && opened && everyoneVerified;
  return {
    id: match.id,
    kind: match.kind,
    status: match.status,
    score: match.score,
    explanation,
    // Marked by last night's plan; a proposal answered "no" or closed since is no longer part of it.
    recommended:
      (match.recommended ?? false) && (match.status === 'proposed' || match.status === 'mutual'),
    participants: ids.map((listingId, i) => {
      const participant = match.participants.find((p) => p.listingId === listingId)!;
      const owner = showContacts ? contacts.get(participant.ownerId) : undefined;
      return {
        listingId,
        isMe: listingId === viewerListingId,
        interest: participant.interest,
        verified: listings.get(listingId)?.verification === 'verified',
        ...(participant.visit &&
        ((contacts !== undefined && opened) || listingId === viewerListingId)
          ? { visit: participant.visit }
          : {}),
        receives: receivesOf(i) ?? (undefined as never),
        ...(owner && listingId !== viewerListingId
          ? {
              contact: {
                displayName: owner.displayName,
                email: reachableEmail(owner),
                phone: owner.phone,
              },
            }
          : {}),
      };
    }),
    contactsOpen: opened && everyoneVerified,
    createdAt: match.createdAt,
    ...(chain ? { vacancy: chain.vacancy, released: chain.released } : {}),
  };
}

function publicOf(listing: Listing | undefined) {
  return listing ? publicDwelling(listing.dwelling) : undefined;
}

/** Best first; 2-way before 3-way at equal score. */
export function byRank(a: StoredMatch, b: StoredMatch): number {
  return (
    b.score - a.score ||
    (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind === '2-way' ? -1 : 1)
  );
}

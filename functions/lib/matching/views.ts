/**
 * What a participant sees of a stored proposal. Contacts only once everyone said yes and every
 * listing is verified by its lessor: an unverified listing could be a fake one harvesting
 * phone numbers. Until then the masked messaging serves.
 */
import { receivedDwelling, receivedVacancy } from '../../../shared/listing/views';
import type { MatchView } from '../../../shared/schemas/match';
import type { Listing } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';
import type { StoredMatch } from '../db/matches';
import { reachableEmail } from '../mail/addresses';
import type { IncomeCeilingYear } from '../../../shared/schemas/income-ceilings';
import { ceilingCheck, type CeilingCheck } from '../../../shared/swap/review-info';

export function matchView(
  match: StoredMatch,
  viewerListingId: string | undefined,
  listings: Map<string, Listing>,
  contacts?: Map<string, User>,
  ceilings?: IncomeCeilingYear,
): MatchView {
  const ids = match.listingIds;
  const chain = match.kind === 'chain' ? match.chain : undefined;
  /** The dwelling participant `i` would move into: the next one's in a cycle; the previous one's, or the vacancy, in a chain. */
  const receivesOf = (i: number) => {
    if (chain)
      return i === 0 ? receivedVacancy(chain.vacancy) : publicOf(listings.get(ids[i - 1]!));
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
    ...incomeCheckOf(match, viewerListingId, listings, ceilings),
    createdAt: match.createdAt,
    ...(chain ? { vacancy: chain.vacancy, released: chain.released } : {}),
  };
}

/**
 * The viewer's income against the ceiling of the dwelling it would move into: information shown
 * before requesting the swap, never a blocker. Only to the viewer, about its own household.
 */
function incomeCheckOf(
  match: StoredMatch,
  viewerListingId: string | undefined,
  listings: Map<string, Listing>,
  ceilings: IncomeCeilingYear | undefined,
): { incomeCheck?: CeilingCheck } {
  if (!ceilings || !viewerListingId) return {};
  const at = match.listingIds.indexOf(viewerListingId);
  const mine = listings.get(viewerListingId);
  if (at < 0 || !mine) return {};
  const entered =
    match.kind === 'chain'
      ? at === 0
        ? match.chain?.vacancy
        : listings.get(match.listingIds[at - 1]!)?.dwelling
      : listings.get(match.listingIds[(at + 1) % match.listingIds.length]!)?.dwelling;
  if (!entered) return {};
  return { incomeCheck: ceilingCheck(mine.household, entered.financing, ceilings) };
}

function publicOf(listing: Listing | undefined) {
  return listing ? receivedDwelling(listing) : undefined;
}

import type { MatchView } from '$lib/services/matches';

/**
 * The listing whose dwelling I would move into: in a proposal, each participant receives the
 * dwelling of the next one (functions/lib/matching/views.ts).
 */
export function offeredListingId(match: MatchView): string | undefined {
  const mine = match.participants.findIndex((participant) => participant.isMe);
  // In a chain, the previous mover's home; the first mover enters the vacancy, which has no photos.
  if (match.kind === 'chain') return mine > 0 ? match.participants[mine - 1]?.listingId : undefined;
  if (mine < 0 || match.participants.length < 2) return undefined;
  return match.participants[(mine + 1) % match.participants.length]?.listingId;
}

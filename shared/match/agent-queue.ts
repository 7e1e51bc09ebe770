/**
 * The steps waiting on one assisted tenant (see shared/schemas/agent-queue.ts): pure, from the
 * listing's proposals and the swaps made of them.
 */
import type { AgentQueueItem, AgentQueueKind } from '../schemas/agent-queue';
import type { Interest } from './lifecycle';
import { selectShown, type RankedProposal } from './shown';

export interface QueueMatch extends RankedProposal {
  participants: { listingId: string; interest: Interest }[];
  swapId?: string;
}

export interface QueueSwap {
  id: string;
  status: string;
  participants: { listingId: string; confirmed: boolean }[];
}

const ORDER: Record<AgentQueueKind, number> = { confirm: 0, request: 1, answer: 2 };

/**
 * What the tenant of `listingId` has to decide, the most advanced steps first: among the proposals
 * their page lists (`selectShown`), not the 3-ways stored for a neighbour's best below their own
 * 50th, which a popular listing takes part in by the thousand and its tenant never sees.
 */
export function queueOfListing(
  listingId: string,
  matches: QueueMatch[],
  swaps: Map<string, QueueSwap>,
): AgentQueueItem[] {
  const items: AgentQueueItem[] = [];
  for (const match of selectShown(matches)) {
    const mine = match.participants.find((p) => p.listingId === listingId);
    if (!mine) continue;
    if (match.status === 'proposed' && mine.interest === 'pending')
      items.push({ kind: 'answer', matchId: match.id });
    else if (match.status === 'mutual') items.push({ kind: 'request', matchId: match.id });
    else if (match.status === 'engaged' && match.swapId) {
      const swap = swaps.get(match.swapId);
      const unconfirmed = swap?.participants.some((p) => p.listingId === listingId && !p.confirmed);
      if (swap?.status === 'awaiting_confirmations' && unconfirmed)
        items.push({ kind: 'confirm', matchId: match.id, swapId: swap.id });
    }
  }
  return items.sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
}

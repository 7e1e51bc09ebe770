/**
 * The steps waiting on one assisted tenant (see shared/schemas/agent-queue.ts): pure, from the
 * listing's proposals and the swaps made of them.
 */
import type { AgentQueueItem, AgentQueueKind } from '../schemas/agent-queue';
import type { MatchStatus, Interest } from './lifecycle';

export interface QueueMatch {
  id: string;
  status: MatchStatus;
  participants: { listingId: string; interest: Interest }[];
  swapId?: string;
  score?: number;
}

export interface QueueSwap {
  id: string;
  status: string;
  participants: { listingId: string; confirmed: boolean }[];
}

const ORDER: Record<AgentQueueKind, number> = { confirm: 0, request: 1, answer: 2 };

/** What the tenant of `listingId` has to decide, the most advanced steps first. */
export function queueOfListing(
  listingId: string,
  matches: QueueMatch[],
  swaps: Map<string, QueueSwap>,
): AgentQueueItem[] {
  const items: AgentQueueItem[] = [];
  for (const match of matches) {
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

/**
 * A reception agent's queue: for each tenant they assist, what waits on that tenant (pure rule in
 * shared/match/agent-queue.ts). Served on the agent's home page and mailed each morning.
 */
import { queueOfListing, type QueueSwap } from '../../../shared/match/agent-queue';
import type { AgentQueue } from '../../../shared/schemas/agent-queue';
import type { Database } from '../db/client';
import { listingsManagedBy } from '../db/listings';
import { shownMatchesOf } from '../db/shown-proposals';
import { findSwap } from '../db/swaps';

/** Listings that can still have something to decide. */
const FOLLOWED = new Set(['published', 'engaged', 'suspended']);

export async function agentQueue(db: Database, agentId: string): Promise<AgentQueue> {
  const listings = (await listingsManagedBy(db, agentId)).filter((l) => FOLLOWED.has(l.status));
  const tenants = await Promise.all(
    listings.map(async (listing) => {
      // What the tenant's page lists, from the index that orders it: a popular listing takes part
      // in thousands of its neighbours' proposals, which the queue does not ask about.
      const matches = await shownMatchesOf(db, listing.id);
      const swapIds = matches
        .filter((m) => m.status === 'engaged' && m.swapId)
        .map((m) => m.swapId!);
      const swaps = new Map<string, QueueSwap>();
      for (const swap of await Promise.all(swapIds.map((id) => findSwap(db, id))))
        if (swap) swaps.set(swap.id, swap);
      return {
        listingId: listing.id,
        name: listing.assistance?.name ?? 'Locataire',
        items: queueOfListing(listing.id, matches, swaps),
      };
    }),
  );
  const waiting = tenants.filter((tenant) => tenant.items.length > 0);
  return {
    tenants: waiting.sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    total: waiting.reduce((sum, tenant) => sum + tenant.items.length, 0),
  };
}

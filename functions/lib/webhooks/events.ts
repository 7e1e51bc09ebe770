/**
 * Which webhook events a change of the table means, from the stream record's old and new images.
 * The events name what changed (ids), never its content: the receiver reads the rest through the
 * API with its token, so no personal data leaves in a webhook.
 */
import type { WebhookEvent } from '../../../shared/schemas/webhook';
import { ENTITY, entityOf, INDEX, indexPartitionOf, indexPartitions } from '../db/model';

export interface TableEvent {
  type: WebhookEvent;
  /** The lessor concerned, or the swap whose reviewing lessors are concerned. */
  audience: { lessorId: string } | { swapId: string };
  data: Record<string, string>;
}

type Image = Record<string, unknown> | undefined;

const SWAP_EVENTS: Partial<Record<string, WebhookEvent>> = {
  under_review: 'swap.under_review',
  completed: 'swap.completed',
};

export function eventsOfChange(before: Image, after: Image): TableEvent[] {
  if (!after) return [];
  switch (entityOf(after)) {
    case ENTITY.listing: {
      const lessorId = (after.dwelling as { lessorId?: string } | undefined)?.lessorId;
      if (!lessorId) return [];
      const pending = indexPartitions.listingsToVerify(lessorId, 'pending');
      // It enters the lessor's queue: created, published again, or sent back to verification.
      if (
        indexPartitionOf(after, INDEX.lessorQueues) !== pending ||
        indexPartitionOf(before, INDEX.lessorQueues) === pending
      )
        return [];
      return [
        {
          type: 'listing.pending_verification',
          audience: { lessorId },
          data: { listingId: String(after.id) },
        },
      ];
    }
    case ENTITY.swap: {
      const type = SWAP_EVENTS[String(after.status)];
      if (!type || before?.status === after.status) return [];
      return [{ type, audience: { swapId: String(after.id) }, data: { swapId: String(after.id) } }];
    }
    case ENTITY.swapReview: {
      if (!after.remindedAt || before?.remindedAt) return [];
      return [
        {
          type: 'swap.review_due_soon',
          audience: { lessorId: String(after.lessorId) },
          data: {
            swapId: String(after.swapId),
            listingId: String(after.listingId),
            dueAt: String(after.dueAt),
          },
        },
      ];
    }
    case ENTITY.match: {
      // A chain is stored once, when found: its creation is the news for the vacancy's lessor.
      const chain = after.chain as
        { vacancyId?: string; vacancy?: { lessorId?: string } } | undefined;
      const lessorId = chain?.vacancy?.lessorId;
      if (before || after.kind !== 'chain' || !chain?.vacancyId || !lessorId) return [];
      return [
        {
          type: 'vacancy.chain_found',
          audience: { lessorId },
          data: { vacancyId: chain.vacancyId, matchId: String(after.id) },
        },
      ];
    }
    default:
      return [];
  }
}

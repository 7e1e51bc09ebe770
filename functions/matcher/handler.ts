/**
 * Finds proposals as soon as a listing is published or changed, from the table's stream: the
 * listing's best K cycles are stored and announced, its broken proposals closed; a listing that
 * leaves the market has its proposals suspended until it returns.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { takesPartInMatching } from '../../shared/listing/lifecycle';
import type { ReferenceData } from '../../shared/reference/index';
import type { Listing } from '../../shared/schemas/listing';
import type { Database } from '../lib/db/client';
import { findListing, toListing } from '../lib/db/listings';
import { ENTITY } from '../lib/db/model';
import { logger } from '../lib/logger';
import { announceNewProposals } from '../lib/matching/digest';
import { MarketCache, candidateOf } from '../lib/matching/market-cache';
import { refreshSummaries, revisitProposalsOf, storeBestProposals, suspendProposalsOf } from '../lib/matching/proposals';
import { newImage, oldImage, stringAttribute } from '../lib/stream-image';

export interface MatcherDeps {
  db: Database;
  now: () => Date;
  appUrl: string;
  reference: () => Promise<ReferenceData>;
  proposalsPerListing?: number;
  cache?: MarketCache;
}

const matchingFields = (listing: Listing) => JSON.stringify([listing.dwelling, listing.household, listing.wishes, listing.ownerId]);

export async function onListingChanged(deps: MatcherDeps & { cache: MarketCache }, before: Listing | undefined, after: Listing | undefined): Promise<void> {
  const now = deps.now();
  const index = await deps.cache.get(deps.db, await deps.reference(), now);
  const store = { db: deps.db, now: deps.now, proposalsPerListing: deps.proposalsPerListing ?? 50 };
  const wasIn = before !== undefined && takesPartInMatching(before, now);
  const isIn = after !== undefined && takesPartInMatching(after, now);
  const listingId = (after ?? before)!.id;

  if (!isIn) {
    index.remove(listingId);
    // The swap's own match is already `engaged`; suspension only touches live proposals.
    if (after && (wasIn || after.status === 'exchanged' || after.status === 'engaged')) await suspendProposalsOf(store, after);
    return;
  }
  const changed = !wasIn || matchingFields(before!) !== matchingFields(after!);
  if (!changed) return;
  index.upsert(candidateOf(after!));
  await revisitProposalsOf(store, listingId);
  const created = await storeBestProposals(store, index, listingId);
  // The other participants' counts changed too; their own top K is recomputed when they change.
  await refreshSummaries(store, index, new Set(created.flatMap((m) => m.listingIds).filter((id) => id !== listingId)));
  await announceNewProposals(deps, created);
}

export function createMatcher(deps: MatcherDeps) {
  const cache = deps.cache ?? new MarketCache();
  return async function matchFromStream(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
      if (stringAttribute(image, 'entity') !== ENTITY.listing) continue;
      try {
        const before = record.dynamodb?.OldImage ? toListing(oldImage(record)!) : undefined;
        // Act on the listing as it is now: records of one listing may be replayed after later changes.
        const id = stringAttribute(image, 'id')!;
        const current = record.eventName === 'REMOVE' ? undefined : ((await findListing(deps.db, id)) ?? toListing(newImage(record)!));
        await onListingChanged({ ...deps, cache }, before, current);
      } catch (error) {
        logger.error('matching failed for a listing change', { error, sequenceNumber: record.dynamodb?.SequenceNumber });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
}

/**
 * Follows DynamoDB's TTL deletions on the table's stream (REMOVE records whose `userIdentity` is
 * the DynamoDB service) and removes what the deleted item leaves behind:
 * - a listing (12 months after it was withdrawn, expired or exchanged): its owner's
 *   one-active-listing guard, its photos (items and S3 objects), its counts, and its proposals
 *   with their messages and every participant's link;
 * - a swap (once its retention period is over): its review items.
 * Deletions made by the application itself never reach this handler. Every step is idempotent,
 * so a redelivered record changes nothing more.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Database } from '../lib/db/client';
import { findMatch, linksOfListing } from '../lib/db/matches';
import { ENTITY, entityOf, keys } from '../lib/db/model';
import { logger } from '../lib/logger';
import {
  deleteItems,
  keysUnder,
  releaseActiveListingGuard,
  removeListingPhotos,
} from '../lib/db/listing-remnants';
import { handleInOrder } from '../lib/stream-batch';
import { oldImage } from '../lib/stream-image';
import type { AppContext } from '../lib/app-context';

export type PurgeDeps = Pick<AppContext, 'db' | 'storage'>;

/** How DynamoDB marks the deletions its TTL process makes in the stream. */
export const TTL_DELETION_IDENTITY = {
  type: 'Service',
  principalId: 'dynamodb.amazonaws.com',
} as const;

export function isTtlDeletion(record: DynamoDBRecord): boolean {
  const identity = record.userIdentity as { type?: string; principalId?: string } | undefined;
  return (
    record.eventName === 'REMOVE' &&
    identity?.type === TTL_DELETION_IDENTITY.type &&
    identity.principalId === TTL_DELETION_IDENTITY.principalId
  );
}

export type PurgeOutcome = 'listing' | 'swap' | 'ignored';

export async function purgeRemnants(
  deps: PurgeDeps,
  record: DynamoDBRecord,
): Promise<PurgeOutcome> {
  if (!isTtlDeletion(record)) return 'ignored';
  const item = oldImage(record);
  if (!item) return 'ignored';
  const entity = entityOf(item);
  if (entity === ENTITY.listing) {
    const listingId = String(item.id);
    await releaseActiveListingGuard(deps.db, String(item.ownerId), listingId);
    await removeListingPhotos(deps.db, deps.storage(), listingId);
    for (const link of await linksOfListing(deps.db, listingId))
      await purgeMatch(deps.db, link.matchId, listingId);
    await deleteItems(deps.db, [keys.matchSummary(listingId)]);
    return 'listing';
  }
  if (entity === ENTITY.swap) {
    const prefix = keys.swapReviewsPrefix(String(item.id));
    await deleteItems(deps.db, await keysUnder(deps.db, prefix.pk, prefix.skPrefix));
    return 'swap';
  }
  return 'ignored';
}

/**
 * A proposal can never resume once one of its listings is gone: it goes with its messages,
 * notices and every participant's link (the swap made of it, if any, keeps what lessors need).
 */
async function purgeMatch(db: Database, matchId: string, purgedListingId: string): Promise<void> {
  const match = await findMatch(db, matchId);
  const thread = await keysUnder(db, keys.match(matchId).pk);
  const links = [...new Set([purgedListingId, ...(match?.listingIds ?? [])])].map((listingId) =>
    keys.matchLink(listingId, matchId),
  );
  // The match item last: while it exists, a retry finds the rest again.
  await deleteItems(db, [...links, ...thread.filter((key) => key.sk !== keys.match(matchId).sk)]);
  await deleteItems(db, [keys.match(matchId)]);
  // A status change that read the match before it went may have put its links back meanwhile; with
  // the match gone, none can commit any more (its writes are conditioned on the match's version).
  await deleteItems(db, links);
}

export function createTtlPurge(deps: PurgeDeps) {
  return async function purgeFromStream(
    event: DynamoDBStreamEvent,
  ): Promise<DynamoDBBatchResponse> {
    return handleInOrder(event, async (record) => {
      try {
        const outcome = await purgeRemnants(deps, record);
        if (outcome !== 'ignored') logger.info('ttl purge', { outcome });
      } catch (error) {
        logger.error('ttl purge failed, will retry', {
          error,
          sequenceNumber: record.dynamodb?.SequenceNumber,
        });
        throw error;
      }
    });
  };
}

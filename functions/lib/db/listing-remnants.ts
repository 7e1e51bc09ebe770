/**
 * What a listing leaves behind when it goes (erased with its owner, or purged by TTL): its
 * photos (items and S3 objects) and its owner's one-active-listing guard.
 */
import { BatchWriteCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './batch';
import type { Database } from './client';
import { keys, type ItemKey } from './model';
import { deletePhotoRecord, listPhotoRecords, type PhotoRecord } from './photos';
import { photoObjectKeys, type PhotoStorage } from '../photos/storage';
import { writtenUnlessCondition } from './transact';

/**
 * The processed files. An original under `uploads/` is deleted by the photo job once handled, and
 * one never handled expires with the bucket's 1-day rule: erasure needs no right on that prefix.
 */
const objectKeysOf = (photo: PhotoRecord) => [
  photoObjectKeys.photo(photo.listingId, photo.id),
  photoObjectKeys.thumbnail(photo.listingId, photo.id),
];

/** Deletes every photo of the listing: objects first, so no item is lost while its files remain. */
export async function removeListingPhotos(
  db: Database,
  storage: PhotoStorage,
  listingId: string,
): Promise<number> {
  const photos = await listPhotoRecords(db, listingId);
  for (const photo of photos) {
    await storage.remove(objectKeysOf(photo));
    await deletePhotoRecord(db, photo);
  }
  return photos.length;
}

/** Frees the owner's guard if it still names this listing (a newer listing's guard stays). */
export async function releaseActiveListingGuard(
  db: Database,
  ownerId: string,
  listingId: string,
): Promise<boolean> {
  return writtenUnlessCondition(() =>
    db.doc.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: keys.activeListing(ownerId),
        ConditionExpression: 'listingId = :listingId',
        ExpressionAttributeValues: { ':listingId': listingId },
      }),
    ),
  );
}

/** Deletes these items, 25 a request, retrying what DynamoDB leaves unprocessed. */
export async function deleteItems(db: Database, itemKeys: readonly ItemKey[]): Promise<void> {
  for (let start = 0; start < itemKeys.length; start += 25) {
    let pending = itemKeys
      .slice(start, start + 25)
      .map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } }));
    while (pending.length > 0) {
      const result = await db.doc.send(
        new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }),
      );
      pending = (result.UnprocessedItems?.[db.tableName] ?? []) as typeof pending;
    }
  }
}

/** The keys of the items of partition `pk` whose sort key starts with `skPrefix` (all of them without). */
export async function keysUnder(db: Database, pk: string, skPrefix?: string): Promise<ItemKey[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':prefix': skPrefix } : {}) },
    ProjectionExpression: 'pk, sk',
  });
  return items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
}

/**
 * A listing's photos: one item per slot (`PHOTO#0` … `PHOTO#5`) beside the listing item, so
 * the limit of six is structural (a 7th upload finds no free slot, even under concurrency)
 * and photo changes never bump the listing's version. A slot is free again when its photo is
 * deleted or rejected, or when its upload URL lapsed without an upload.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../../shared/errors';
import type { z } from 'zod';
import { MAX_PHOTOS_PER_LISTING, type storedPhotoSchema } from '../../../shared/schemas/photo';
import { ENTITY, keys, fromItem } from './model';
import type { Database } from './client';
import { writtenUnlessCondition } from './transact';

export type PhotoRecord = z.infer<typeof storedPhotoSchema>;

export class PhotoLimitError extends ConflictError {
  constructor() {
    super(
      `Cette annonce a déjà ${MAX_PHOTOS_PER_LISTING} photos : supprimez-en une pour en ajouter une autre.`,
    );
  }
}

/**
 * Every attribute of a photo slot item. Reads name them (a projection): the photo job's role
 * may touch these attributes only, never the listing item beside them (infra/lib/function.ts).
 */
export const PHOTO_ITEM_ATTRIBUTES = [
  'pk',
  'sk',
  'id',
  'listingId',
  'slot',
  'status',
  'contentType',
  'size',
  'createdAt',
  'uploadExpiresAt',
  'readyAt',
  'width',
  'height',
  'rejectedAt',
  'rejectedReason',
] as const;

const projection = {
  ProjectionExpression: PHOTO_ITEM_ATTRIBUTES.map((_, index) => `#a${index}`).join(', '),
  names: Object.fromEntries(PHOTO_ITEM_ATTRIBUTES.map((name, index) => [`#a${index}`, name])),
};

/** An upload may still be in flight a little after its URL expired. */
const UPLOAD_GRACE_MS = 5 * 60_000;

function toPhoto(item: Record<string, unknown>): PhotoRecord {
  return fromItem<PhotoRecord>(item);
}

/** The listing's photos, oldest first. */
export async function listPhotoRecords(db: Database, listingId: string): Promise<PhotoRecord[]> {
  const prefix = keys.photosPrefix(listingId);
  const { Items } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: '#a0 = :pk AND begins_with(#a1, :prefix)',
      ProjectionExpression: projection.ProjectionExpression,
      ExpressionAttributeNames: projection.names,
      ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).map(toPhoto).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function findPhotoRecord(
  db: Database,
  listingId: string,
  photoId: string,
): Promise<PhotoRecord | undefined> {
  return (await listPhotoRecords(db, listingId)).find((photo) => photo.id === photoId);
}

function reusable(photo: PhotoRecord | undefined, now: Date): boolean {
  if (!photo || photo.status === 'rejected') return true;
  return (
    photo.status === 'pending' &&
    new Date(photo.uploadExpiresAt).getTime() + UPLOAD_GRACE_MS < now.getTime()
  );
}

/**
 * Writes `photo` into a free slot and returns the record; `PhotoLimitError` when none is free.
 * Each write is conditional, so two requests racing for the last slot cannot both win.
 */
export async function claimPhotoSlot(
  db: Database,
  photo: Omit<PhotoRecord, 'slot'>,
  now: Date,
): Promise<PhotoRecord> {
  const bySlot = new Map(
    (await listPhotoRecords(db, photo.listingId)).map((record) => [record.slot, record]),
  );
  const candidates = Array.from({ length: MAX_PHOTOS_PER_LISTING }, (_, slot) => slot).filter(
    (slot) => reusable(bySlot.get(slot), now),
  );
  for (const slot of candidates) {
    const record: PhotoRecord = { ...photo, slot };
    try {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...keys.photo(photo.listingId, slot), entity: ENTITY.photo, ...record },
          ConditionExpression:
            'attribute_not_exists(pk) OR #status = :rejected OR (#status = :pending AND uploadExpiresAt < :stale)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':rejected': 'rejected',
            ':pending': 'pending',
            ':stale': new Date(now.getTime() - UPLOAD_GRACE_MS).toISOString(),
          },
        }),
      );
      return record;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw new PhotoLimitError();
}

/** Moves a pending photo to `ready` or `rejected`; false when it was deleted or replaced meanwhile. */
export async function settlePhoto(
  db: Database,
  photo: PhotoRecord,
  outcome:
    { status: 'ready'; width: number; height: number } | { status: 'rejected'; reason: string },
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const [expression, values]: [string, Record<string, unknown>] =
    outcome.status === 'ready'
      ? [
          'SET #status = :ready, readyAt = :at, width = :width, height = :height',
          { ':ready': 'ready', ':at': at, ':width': outcome.width, ':height': outcome.height },
        ]
      : [
          'SET #status = :rejected, rejectedAt = :at, rejectedReason = :reason',
          { ':rejected': 'rejected', ':at': at, ':reason': outcome.reason },
        ];
  return writtenUnlessCondition(() =>
    db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.photo(photo.listingId, photo.slot),
        UpdateExpression: expression,
        ConditionExpression: 'id = :id AND #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...values, ':id': photo.id, ':pending': 'pending' },
      }),
    ),
  );
}

/** Frees the photo's slot; false when the slot already holds another photo (or none). */
export async function deletePhotoRecord(db: Database, photo: PhotoRecord): Promise<boolean> {
  return writtenUnlessCondition(() =>
    db.doc.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: keys.photo(photo.listingId, photo.slot),
        ConditionExpression: 'id = :id',
        ExpressionAttributeValues: { ':id': photo.id },
      }),
    ),
  );
}

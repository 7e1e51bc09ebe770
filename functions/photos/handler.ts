/**
 * The photo job, called by S3 for each object created under `uploads/` (locally by the stack,
 * from s3rver's events, with the same event shape). It re-encodes the original, stores the
 * WebP under `photos/`, records the photo as ready (or rejected) and deletes the original.
 * Redelivery is harmless: a photo that is no longer pending only gets its original deleted.
 */
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { MAX_PHOTO_BYTES } from '../../shared/schemas/photo';
import { findPhotoRecord, settlePhoto, type PhotoRecord } from '../lib/db/photos';
import { logger } from '../lib/logger';
import { photoObjectKeys, type PhotoStorage } from '../lib/photos/storage';
import { UnreadableImageError, encodePhoto } from './encode';
import type { AppContext } from '../lib/app-context';

export type PhotoJobDeps = Pick<AppContext, 'db'> &
  Partial<Pick<AppContext, 'now'>> & {
    storage: PhotoStorage;
  };

export const REJECTION_REASONS = {
  unreadable: 'Ce fichier n’est pas une image JPEG, PNG ou WebP lisible.',
  tooLarge: 'La photo dépasse 8 Mo.',
} as const;

/** S3 event keys are URL-encoded, spaces as '+'. */
const objectKey = (record: S3EventRecord) =>
  decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));

export function createPhotoProcessor(deps: PhotoJobDeps) {
  return async function processUploads(event: S3Event): Promise<void> {
    for (const record of event.Records) {
      if (!record.eventName.startsWith('ObjectCreated:')) continue;
      await processUpload(deps, objectKey(record));
    }
  };
}

async function processUpload(deps: PhotoJobDeps, key: string): Promise<void> {
  const { db, storage } = deps;
  const now = deps.now ?? (() => new Date());
  const target = photoObjectKeys.parseUpload(key);
  const photo = target ? await findPhotoRecord(db, target.listingId, target.photoId) : undefined;
  if (!photo || photo.status !== 'pending') {
    logger.info('photo upload without a pending photo: original deleted', { key });
    await storage.remove([key]);
    return;
  }
  const original = await storage.read(key);
  if (!original) return; // Already handled by an earlier delivery.

  if (original.byteLength > MAX_PHOTO_BYTES)
    return reject(deps, photo, key, REJECTION_REASONS.tooLarge, now());
  let encoded;
  try {
    encoded = await encodePhoto(original);
  } catch (error) {
    if (error instanceof UnreadableImageError)
      return reject(deps, photo, key, REJECTION_REASONS.unreadable, now(), error.message);
    throw error;
  }
  const photoKey = photoObjectKeys.photo(photo.listingId, photo.id);
  const thumbnailKey = photoObjectKeys.thumbnail(photo.listingId, photo.id);
  await Promise.all([
    storage.write(photoKey, encoded.photo, 'image/webp'),
    storage.write(thumbnailKey, encoded.thumbnail, 'image/webp'),
  ]);
  const recorded = await settlePhoto(
    db,
    photo,
    { status: 'ready', width: encoded.width, height: encoded.height },
    now(),
  );
  // Deleted while being processed: nothing must stay behind.
  await storage.remove(recorded ? [key] : [key, photoKey, thumbnailKey]);
  logger.info(recorded ? 'photo ready' : 'photo deleted during processing', {
    listingId: photo.listingId,
    photoId: photo.id,
  });
}

async function reject(
  deps: PhotoJobDeps,
  photo: PhotoRecord,
  key: string,
  reason: string,
  now: Date,
  detail?: string,
): Promise<void> {
  await settlePhoto(deps.db, photo, { status: 'rejected', reason }, now);
  await deps.storage.remove([key]);
  logger.info('photo rejected', {
    listingId: photo.listingId,
    photoId: photo.id,
    reason: detail ?? reason,
  });
}

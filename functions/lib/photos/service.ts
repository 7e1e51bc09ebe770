/**
 * Use cases of photos: hand out a presigned upload URL for a free slot, list a listing's photos
 * with short-lived links, delete one. Re-encoding is the photo job's (functions/photos).
 */
import { ulid } from 'ulid';
import { ConflictError, NotFoundError } from '../../../shared/errors';
import { canOwner, refusalOf } from '../../../shared/listing/lifecycle';
import type { Listing } from '../../../shared/schemas/listing';
import type { PhotoUpload, PhotoUploadBody, PhotoView } from '../../../shared/schemas/photo';
import type { User } from '../../../shared/schemas/user';
import { findListing, getListing } from '../db/listings';
import {
  claimPhotoSlot,
  deletePhotoRecord,
  findPhotoRecord,
  listPhotoRecords,
  type PhotoRecord,
} from '../db/photos';
import { findSwap } from '../db/swaps';
import { assertCanManage, canReadPrivate } from '../listings/access';
import { viewerOf } from '../swaps/access';
import { photoObjectKeys } from './storage';
import type { AppContext } from '../app-context';

export type PhotoDeps = Pick<AppContext, 'db' | 'storage' | 'now'>;

export const UPLOAD_URL_SECONDS = 10 * 60;
export const DOWNLOAD_URL_SECONDS = 5 * 60;

export async function requestPhotoUpload(
  deps: PhotoDeps,
  caller: User,
  listingId: string,
  body: PhotoUploadBody,
): Promise<PhotoUpload> {
  const listing = await getListing(deps.db, listingId);
  assertCanManage(caller, listing);
  if (!canOwner('edit', listing.status)) throw new ConflictError(refusalOf('edit', listing.status));
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000);
  const photo = await claimPhotoSlot(
    deps.db,
    {
      id: ulid(now.getTime()),
      listingId,
      status: 'pending',
      contentType: body.contentType,
      size: body.size,
      createdAt: now.toISOString(),
      uploadExpiresAt: expiresAt.toISOString(),
    },
    now,
  );
  const uploadUrl = await deps
    .storage()
    .presignUpload(
      photoObjectKeys.upload(listingId, photo.id),
      body.contentType,
      body.size,
      UPLOAD_URL_SECONDS,
    );
  return {
    photoId: photo.id,
    uploadUrl,
    method: 'PUT',
    headers: { 'Content-Type': body.contentType },
    expiresAt: expiresAt.toISOString(),
  };
}

/**
 * Who sees a listing's photos through a swap: the swap must include the listing, and the caller
 * must be one who sees the swap (its participants, the lessors of its dwellings, Armos): the
 * lessor reviewing an incoming household sees the dwelling it leaves.
 */
async function seesThroughSwap(
  deps: PhotoDeps,
  caller: User,
  listing: Listing,
  swapId: string,
): Promise<boolean> {
  const swap = await findSwap(deps.db, swapId);
  if (!swap || !swap.participants.some((participant) => participant.listingId === listing.id))
    return false;
  return viewerOf(caller, swap, new Map([[listing.id, listing]])) !== undefined;
}

/**
 * Those who manage or check the listing see every photo and its state; others allowed to see
 * the listing's public view (`canSeePublicView`: the other participants of an open proposal),
 * or who see a swap that includes it (`swapId`), see ready photos only; anyone else gets 404.
 */
export async function listPhotos(
  deps: PhotoDeps,
  caller: User,
  listingId: string,
  canSeePublicView: (user: User, listing: Listing) => Promise<boolean>,
  swapId?: string,
): Promise<PhotoView[]> {
  const listing = await findListing(deps.db, listingId);
  if (!listing) throw new NotFoundError('Annonce introuvable.');
  const full = canReadPrivate(caller, listing);
  const allowed =
    full ||
    (swapId !== undefined && (await seesThroughSwap(deps, caller, listing, swapId))) ||
    (await canSeePublicView(caller, listing));
  if (!allowed) throw new NotFoundError('Annonce introuvable.');
  const photos = (await listPhotoRecords(deps.db, listingId)).filter(
    (photo) => full || photo.status === 'ready',
  );
  return Promise.all(photos.map((photo) => photoView(deps, photo)));
}

async function photoView(deps: PhotoDeps, photo: PhotoRecord): Promise<PhotoView> {
  const view: PhotoView = { id: photo.id, status: photo.status, createdAt: photo.createdAt };
  if (photo.status === 'rejected' && photo.rejectedReason)
    view.rejectedReason = photo.rejectedReason;
  if (photo.status !== 'ready') return view;
  const storage = deps.storage();
  const [url, thumbnailUrl] = await Promise.all([
    storage.presignDownload(photoObjectKeys.photo(photo.listingId, photo.id), DOWNLOAD_URL_SECONDS),
    storage.presignDownload(
      photoObjectKeys.thumbnail(photo.listingId, photo.id),
      DOWNLOAD_URL_SECONDS,
    ),
  ]);
  return {
    ...view,
    readyAt: photo.readyAt,
    width: photo.width,
    height: photo.height,
    url,
    thumbnailUrl,
  };
}

/** Who manages the listing (not during a swap), or Armos at any time (moderation). */
export async function deletePhoto(
  deps: PhotoDeps,
  caller: User,
  listingId: string,
  photoId: string,
): Promise<void> {
  const listing = await getListing(deps.db, listingId);
  const moderator = caller.role === 'armos';
  if (!moderator) assertCanManage(caller, listing);
  if (!moderator && !canOwner('edit', listing.status))
    throw new ConflictError(refusalOf('edit', listing.status));
  const photo = await findPhotoRecord(deps.db, listingId, photoId);
  if (!photo || !(await deletePhotoRecord(deps.db, photo)))
    throw new NotFoundError('Photo introuvable.');
  // A pending original still on its way is deleted by the photo job, which finds no record.
  await deps
    .storage()
    .remove([
      photoObjectKeys.photo(listingId, photoId),
      photoObjectKeys.thumbnail(listingId, photoId),
    ]);
}

/**
 * Photos of a listing (functions/api/routes/photos.ts): ask for a presigned upload URL, PUT the
 * file straight to storage, then follow the photo job until the photo is ready or rejected.
 * Types are the API's, imported as types only so the page does not bundle zod; the limits are
 * repeated here for the same reason, and photos.test.ts checks they match the API's.
 */
import { ApiError, api } from '$lib/api';
import type { PhotoContentType, PhotoUpload, PhotoView } from '$shared/schemas/photo';

export type { PhotoView };

export const PHOTO_LIMITS = {
  maxPhotos: 6,
  maxBytes: 8 * 1024 * 1024,
  contentTypes: ['image/jpeg', 'image/png', 'image/webp'] as readonly PhotoContentType[],
} as const;

export type { PhotoUpload };

const photosPath = (listingId: string) => `/listings/${encodeURIComponent(listingId)}/photos`;

/** `swapId`: read as one who sees that swap (a lessor reviewing the household that leaves this dwelling). */
export const listPhotos = (listingId: string, swapId?: string) =>
  api.get<PhotoView[]>(
    swapId
      ? `${photosPath(listingId)}?swapId=${encodeURIComponent(swapId)}`
      : photosPath(listingId),
  );
export const deletePhoto = (listingId: string, photoId: string) =>
  api.delete<void>(`${photosPath(listingId)}/${encodeURIComponent(photoId)}`);

/** What is wrong with this file before anything is sent, or undefined when it may be sent. */
export function photoFileProblem(file: Pick<File, 'type' | 'size' | 'name'>): string | undefined {
  if (!PHOTO_LIMITS.contentTypes.includes(file.type as PhotoContentType))
    return `« ${file.name} » n’est pas une photo JPEG, PNG ou WebP.`;
  if (file.size === 0) return `« ${file.name} » est vide.`;
  if (file.size > PHOTO_LIMITS.maxBytes)
    return `« ${file.name} » est trop lourde (${formatMegabytes(file.size)}) : 8 Mo au plus.`;
  return undefined;
}

export const formatMegabytes = (bytes: number) =>
  `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

const UPLOAD_FAILED = 'La photo n’a pas pu être envoyée. Vérifiez votre connexion puis réessayez.';

/** Upload URL from the API, then the file itself to storage; resolves with the new photo's id. */
export async function uploadPhoto(listingId: string, file: File): Promise<string> {
  const upload = await api.post<PhotoUpload>(photosPath(listingId), {
    contentType: file.type,
    size: file.size,
  });
  let response: Response;
  try {
    response = await fetch(upload.uploadUrl, {
      method: upload.method,
      headers: upload.headers,
      body: file,
    });
  } catch (cause) {
    throw Object.assign(new ApiError(0, 'network', UPLOAD_FAILED), { cause });
  }
  if (!response.ok) throw new ApiError(response.status, 'internal', UPLOAD_FAILED);
  return upload.photoId;
}

export interface PollOptions {
  intervalMs?: number;
  timeoutMs?: number;
  /** Stops polling (the page was left). */
  signal?: AbortSignal;
}

/** Lists the photos until none of `photoIds` is pending any more (or the time is up). */
export async function waitForPhotos(
  listingId: string,
  photoIds: string[],
  options: PollOptions = {},
): Promise<PhotoView[]> {
  const { intervalMs = 1000, timeoutMs = 60_000, signal } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const photos = await listPhotos(listingId);
    const pending = photos.some(
      (photo) => photoIds.includes(photo.id) && photo.status === 'pending',
    );
    if (!pending || Date.now() > deadline || signal?.aborted) return photos;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Photos of a dwelling (docs/design.md "Dwelling": up to 6, no people, no house numbers).
 * The browser asks for an upload URL, sends the file straight to storage, and the photo job
 * re-encodes it: only `ready` photos are shown to anyone but the people managing the listing.
 */
import { z } from 'zod';

export const MAX_PHOTOS_PER_LISTING = 6;
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_STATUSES = ['pending', 'ready', 'rejected'] as const;

export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];
export type PhotoStatus = (typeof PHOTO_STATUSES)[number];

export const photoUploadBodySchema = z
  .strictObject({
    contentType: z.enum(PHOTO_CONTENT_TYPES, {
      error: 'Format non accepté : la photo doit être en JPEG, PNG ou WebP.',
    }),
    size: z
      .number({ error: 'La taille du fichier doit être un nombre d’octets.' })
      .int({ error: 'La taille du fichier doit être un nombre entier d’octets.' })
      .min(1, { error: 'Le fichier est vide.' })
      .max(MAX_PHOTO_BYTES, { error: 'La photo est trop lourde : 8 Mo au plus.' }),
  })
  .meta({ id: 'PhotoUploadBody' });

export const photoUploadSchema = z
  .object({
    photoId: z.string(),
    uploadUrl: z.string(),
    method: z.literal('PUT'),
    /** Send exactly these headers with the file (the length is the file's own). */
    headers: z.record(z.string(), z.string()),
    expiresAt: z.string(),
  })
  .meta({ id: 'PhotoUpload' });

export type PhotoUpload = z.infer<typeof photoUploadSchema>;

export const photoSchema = z
  .object({
    id: z.string(),
    status: z.enum(PHOTO_STATUSES),
    createdAt: z.string(),
    readyAt: z.string().optional(),
    width: z.number().optional(),
    height: z.number().optional(),
    /** Short-lived links, for ready photos only. */
    url: z.string().optional(),
    thumbnailUrl: z.string().optional(),
    rejectedReason: z.string().optional(),
  })
  .meta({ id: 'Photo' });

/** A photo slot as stored: the links are signed when shown, never kept. */
export const storedPhotoSchema = photoSchema.omit({ url: true, thumbnailUrl: true }).extend({
  listingId: z.string(),
  slot: z.number().int(),
  contentType: photoUploadBodySchema.shape.contentType,
  size: photoUploadBodySchema.shape.size,
  /** After this instant (plus a margin) an upload can no longer arrive. */
  uploadExpiresAt: z.string(),
});

export type PhotoUploadBody = z.infer<typeof photoUploadBodySchema>;
export type PhotoView = z.infer<typeof photoSchema>;

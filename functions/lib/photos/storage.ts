/**
 * The photos bucket: originals arrive under `uploads/` through presigned PUTs, the photo job
 * writes the re-encoded WebP under `photos/` and deletes the original. Photos are read through
 * the app's own origin (`<APP_URL>/photos/…`, a signed URL, see ./signed-url.ts), never from the
 * bucket's address. Locally the endpoint is s3rver (path-style); on AWS it is left to the SDK.
 * Object keys are built here only.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ConfigError, config, type Config } from '../config';
import { signPhotoUrl } from './signed-url';

export const PHOTO_OBJECT_PREFIXES = { uploads: 'uploads/', photos: 'photos/' } as const;

export const photoObjectKeys = {
  upload: (listingId: string, photoId: string) =>
    `${PHOTO_OBJECT_PREFIXES.uploads}${listingId}/${photoId}`,
  photo: (listingId: string, photoId: string) =>
    `${PHOTO_OBJECT_PREFIXES.photos}${listingId}/${photoId}.webp`,
  thumbnail: (listingId: string, photoId: string) =>
    `${PHOTO_OBJECT_PREFIXES.photos}${listingId}/${photoId}-thumb.webp`,
  /** `uploads/<listingId>/<photoId>` → its parts; undefined for any other key. */
  parseUpload(key: string): { listingId: string; photoId: string } | undefined {
    const match = /^uploads\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})$/.exec(key);
    return match ? { listingId: match[1]!, photoId: match[2]! } : undefined;
  },
} as const;

/**
 * Where the browser PUTs photos: the bucket's regional virtual-hosted address, as the SDK signs
 * it on AWS. The stack builds the CSP's connect-src entry from this same function.
 */
export function photoUploadOrigin(bucket: string, region: string): string {
  return `https://${bucket}.s3.${region}.amazonaws.com`;
}

export interface PhotoStorage {
  bucket: string;
  /** A URL the browser PUTs the file to; content type and exact length are signed. */
  presignUpload(
    key: string,
    contentType: string,
    size: number,
    expiresInSeconds: number,
  ): Promise<string>;
  /** A link under the app's origin, valid `expiresInSeconds` (needs the photo signing key). */
  presignDownload(key: string, expiresInSeconds: number): Promise<string>;
  /** The object's bytes, or undefined when it does not exist (any more). */
  read(key: string): Promise<Uint8Array | undefined>;
  write(key: string, body: Uint8Array, contentType: string): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export function createPhotoStorage(
  options: Pick<Config, 'region' | 'photosBucket' | 's3Endpoint'> &
    Partial<Pick<Config, 'appUrl' | 'photoSigning'>>,
): PhotoStorage {
  const bucket = options.photosBucket;
  if (!bucket) throw new ConfigError('Invalid or missing configuration: PHOTOS_BUCKET');
  const s3 = new S3Client({
    region: options.region,
    ...(options.s3Endpoint
      ? {
          endpoint: options.s3Endpoint,
          forcePathStyle: true,
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        }
      : {}),
    // Otherwise the SDK signs a CRC32 of the empty body into presigned PUTs, and S3 refuses the upload.
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  return {
    bucket,
    presignUpload: (key, contentType, size, expiresIn) =>
      getSignedUrl(
        s3,
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          ContentType: contentType,
          ContentLength: size,
        }),
        {
          expiresIn,
          // Signed headers: S3 refuses a PUT whose type or length differs from what was asked.
          signableHeaders: new Set(['content-type', 'content-length']),
        },
      ),
    async presignDownload(key, expiresIn) {
      if (!options.photoSigning || !options.appUrl)
        throw new ConfigError(
          'Invalid or missing configuration: PHOTOS_KEY_PAIR_ID, PHOTOS_SIGNING_KEY',
        );
      return signPhotoUrl({ appUrl: options.appUrl, ...options.photoSigning }, key, expiresIn);
    },
    async read(key) {
      try {
        const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return await result.Body?.transformToByteArray();
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey' || (error as Error).name === 'NotFound')
          return undefined;
        throw error;
      }
    },
    async write(key, body, contentType) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          CacheControl: 'private, max-age=86400, immutable',
        }),
      );
    },
    async remove(keys) {
      // Deleting a missing object succeeds: removal is idempotent.
      await Promise.all(
        keys.map((Key) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key }))),
      );
    },
  };
}

let shared: PhotoStorage | undefined;

/** The process-wide photo storage, from configuration (fails if PHOTOS_BUCKET is missing). */
export function photoStorage(): PhotoStorage {
  shared ??= createPhotoStorage(config());
  return shared;
}

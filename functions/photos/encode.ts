/**
 * Re-encoding of an uploaded photo with sharp: orientation applied from EXIF, then every piece
 * of metadata dropped (sharp writes none unless asked: no GPS position, no camera serial), at
 * most 1600 px a side in WebP, plus a 400 px thumbnail.
 */
import sharp from 'sharp';

export const PHOTO_MAX_SIDE = 1600;
export const THUMBNAIL_MAX_SIDE = 400;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);
/** A decompression bomb stops here (about 50 megapixels, a 8192 × 6144 picture). */
const MAX_INPUT_PIXELS = 50_000_000;

export class UnreadableImageError extends Error {}

export interface EncodedPhoto {
  photo: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

const open = (input: Uint8Array) =>
  sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS });

export async function encodePhoto(input: Uint8Array): Promise<EncodedPhoto> {
  try {
    const { format } = await open(input).metadata();
    if (!ACCEPTED_FORMATS.has(format ?? ''))
      throw new UnreadableImageError(`format ${format ?? 'inconnu'}`);
    const oriented = open(input).rotate();
    const [photo, thumbnail] = await Promise.all([
      oriented
        .clone()
        .resize({
          width: PHOTO_MAX_SIDE,
          height: PHOTO_MAX_SIDE,
          fit: 'inside',
          withoutEnlargement: true,
        })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true }),
      oriented
        .clone()
        .resize({
          width: THUMBNAIL_MAX_SIDE,
          height: THUMBNAIL_MAX_SIDE,
          fit: 'inside',
          withoutEnlargement: true,
        })
        .webp({ quality: 75 })
        .toBuffer(),
    ]);
    return { photo: photo.data, thumbnail, width: photo.info.width, height: photo.info.height };
  } catch (error) {
    if (error instanceof UnreadableImageError) throw error;
    // sharp (libvips) failing to decode means the file is not a usable image.
    throw new UnreadableImageError((error as Error).message, { cause: error });
  }
}

import { describe, expect, it } from 'vitest';
import {
  MAX_PHOTOS_PER_LISTING,
  MAX_PHOTO_BYTES,
  PHOTO_CONTENT_TYPES,
} from '$shared/schemas/photo';
import { PHOTO_LIMITS, photoFileProblem } from './photos';

const file = (type: string, size: number, name = 'salon.jpg') => ({ type, size, name });

describe('photo limits', () => {
  it('are the API’s', () => {
    expect(PHOTO_LIMITS).toEqual({
      maxPhotos: MAX_PHOTOS_PER_LISTING,
      maxBytes: MAX_PHOTO_BYTES,
      contentTypes: [...PHOTO_CONTENT_TYPES],
    });
  });
});

describe('photoFileProblem', () => {
  it('accepts JPEG, PNG and WebP up to 8 MB', () => {
    expect(photoFileProblem(file('image/jpeg', 1))).toBeUndefined();
    expect(photoFileProblem(file('image/png', 8 * 1024 * 1024))).toBeUndefined();
    expect(photoFileProblem(file('image/webp', 500_000))).toBeUndefined();
  });

  it('refuses other types, empty and heavy files with a French message naming the file', () => {
    expect(photoFileProblem(file('image/heic', 1000, 'IMG_0001.heic'))).toBe(
      '« IMG_0001.heic » n’est pas une photo JPEG, PNG ou WebP.',
    );
    expect(photoFileProblem(file('image/jpeg', 0))).toBe('« salon.jpg » est vide.');
    expect(photoFileProblem(file('image/jpeg', 9 * 1024 * 1024))).toBe(
      '« salon.jpg » est trop lourde (9 Mo) : 8 Mo au plus.',
    );
  });
});

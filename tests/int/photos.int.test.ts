/**
 * Photos through the real path: presigned upload URL from the API, PUT straight to the local S3
 * (s3rver), the photo job called by the bucket's ObjectCreated event, re-encoded photo read back
 * through a signed link under the app's own origin (`/photos/…`, as CloudFront serves it).
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createPhotoStorage, photoObjectKeys } from '../../functions/lib/photos/storage';
import { listingInput } from '../support/factories';
import { signIn, type SignedIn } from '../support/sign-in';
import { api, stack, uniqueEmail } from '../support/stack';

interface Upload {
  photoId: string;
  uploadUrl: string;
  method: string;
  headers: Record<string, string>;
  expiresAt: string;
}
interface Photo {
  id: string;
  status: 'pending' | 'ready' | 'rejected';
  url?: string;
  thumbnailUrl?: string;
  width?: number;
  height?: number;
  rejectedReason?: string;
}
interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

const storage = () =>
  createPhotoStorage({
    region: stack().region,
    photosBucket: stack().photosBucket,
    s3Endpoint: stack().s3Endpoint,
  });

/** A 2400 × 1800 JPEG taken "on its side" (EXIF orientation 6) somewhere in Saint-Denis. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({
    create: { width: 2400, height: 1800, channels: 3, background: { r: 40, g: 120, b: 200 } },
  })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Kaz 1' },
      IFD3: {
        GPSLatitudeRef: 'S',
        GPSLatitude: '20/1 52/1 3000/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '55/1 27/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The EXIF block holds a pointer to GPS data (tag 0x8825, either byte order). */
const hasGpsPointer = (exif: Buffer) =>
  exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25]));

async function tenantWithListing(): Promise<{ tenant: SignedIn; listingId: string }> {
  const tenant = await signIn(uniqueEmail());
  const created = await api('/listings', {
    method: 'POST',
    token: tenant.token,
    json: listingInput(),
  });
  expect(created.status).toBe(201);
  return { tenant, listingId: ((await created.json()) as { id: string }).id };
}

async function requestUpload(token: string, listingId: string, body: unknown): Promise<Response> {
  return api(`/listings/${listingId}/photos`, { method: 'POST', token, json: body });
}

async function upload(
  token: string,
  listingId: string,
  file: Buffer,
  contentType = 'image/jpeg',
): Promise<Upload> {
  const response = await requestUpload(token, listingId, { contentType, size: file.length });
  expect(response.status).toBe(201);
  const ticket = (await response.json()) as Upload;
  const put = await fetch(ticket.uploadUrl, {
    method: ticket.method,
    headers: ticket.headers,
    body: new Uint8Array(file),
  });
  expect(put.status).toBe(200);
  return ticket;
}

async function photos(token: string, listingId: string): Promise<Photo[]> {
  const response = await api(`/listings/${listingId}/photos`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as Photo[];
}

async function waitForSettled(
  token: string,
  listingId: string,
  photoId: string,
  timeoutMs = 15_000,
): Promise<Photo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const photo = (await photos(token, listingId)).find((p) => p.id === photoId);
    if ((photo && photo.status !== 'pending') || Date.now() > deadline) return photo!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('photo upload and processing', () => {
  it('re-encodes an uploaded JPEG to WebP, upright, ≤ 1600 px, without EXIF, and deletes the original', async () => {
    const { tenant, listingId } = await tenantWithListing();
    const original = await phonePhoto();
    const source = await sharp(original).metadata();
    expect(source.orientation).toBe(6);
    expect(hasGpsPointer(source.exif!)).toBe(true);

    const ticket = await upload(tenant.token, listingId, original);
    const photo = await waitForSettled(tenant.token, listingId, ticket.photoId);

    expect(photo.status).toBe('ready');
    const processed = Buffer.from(await (await fetch(photo.url!)).arrayBuffer());
    const meta = await sharp(processed).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // Turned upright from the EXIF orientation, then fitted into 1600 px.
    expect([meta.width, meta.height]).toEqual([1200, 1600]);
    const thumbnail = await sharp(
      Buffer.from(await (await fetch(photo.thumbnailUrl!)).arrayBuffer()),
    ).metadata();
    expect(thumbnail.format).toBe('webp');
    expect(Math.max(thumbnail.width!, thumbnail.height!)).toBeLessThanOrEqual(400);
    expect(thumbnail.exif).toBeUndefined();
    expect(await storage().read(photoObjectKeys.photo(listingId, ticket.photoId))).toBeDefined();
    expect(await storage().read(photoObjectKeys.upload(listingId, ticket.photoId))).toBeUndefined();
  });

  it('serves photos from the app origin only through an unaltered signed link', async () => {
    const { tenant, listingId } = await tenantWithListing();
    const ticket = await upload(tenant.token, listingId, await phonePhoto());
    const photo = await waitForSettled(tenant.token, listingId, ticket.photoId);
    const link = new URL(photo.url!);
    const unsigned = `${link.origin}${link.pathname}`;
    const longer = new URL(link.href);
    longer.searchParams.set('Expires', String(Number(link.searchParams.get('Expires')) + 86_400));
    const thumbnailPath = new URL(photo.thumbnailUrl!).pathname;

    const [signed, bare, extended, swapped] = await Promise.all([
      fetch(link),
      fetch(unsigned),
      fetch(longer),
      fetch(`${link.origin}${thumbnailPath}${link.search}`),
    ]);

    expect(link.origin).toBe(stack().appUrl);
    expect(link.pathname).toBe(`/photos/${listingId}/${ticket.photoId}.webp`);
    expect([signed.status, signed.headers.get('content-type')]).toEqual([200, 'image/webp']);
    expect([bare.status, extended.status, swapped.status]).toEqual([403, 403, 403]);
  });

  it('rejects a text file sent as image/jpeg and deletes it', async () => {
    const { tenant, listingId } = await tenantWithListing();
    const text = Buffer.from('Ceci n’est pas une photo du logement.');

    const ticket = await upload(tenant.token, listingId, text);
    const photo = await waitForSettled(tenant.token, listingId, ticket.photoId);

    expect(photo.status).toBe('rejected');
    expect(photo.rejectedReason).toMatch(/JPEG, PNG ou WebP/);
    expect(photo.url).toBeUndefined();
    expect(await storage().read(photoObjectKeys.upload(listingId, ticket.photoId))).toBeUndefined();
  });

  it('deletes a photo and its processed files', async () => {
    const { tenant, listingId } = await tenantWithListing();
    const ticket = await upload(tenant.token, listingId, await phonePhoto());
    expect((await waitForSettled(tenant.token, listingId, ticket.photoId)).status).toBe('ready');

    const deleted = await api(`/listings/${listingId}/photos/${ticket.photoId}`, {
      method: 'DELETE',
      token: tenant.token,
    });
    const again = await api(`/listings/${listingId}/photos/${ticket.photoId}`, {
      method: 'DELETE',
      token: tenant.token,
    });

    expect(deleted.status).toBe(204);
    expect(again.status).toBe(404);
    expect(await photos(tenant.token, listingId)).toEqual([]);
    expect(await storage().read(photoObjectKeys.photo(listingId, ticket.photoId))).toBeUndefined();
  });
});

describe('photo rules', () => {
  it('allows six photos per listing: the seventh is refused with 409', async () => {
    const { tenant, listingId } = await tenantWithListing();
    const body = { contentType: 'image/png', size: 1000 };

    const six = await Promise.all(
      Array.from({ length: 6 }, () => requestUpload(tenant.token, listingId, body)),
    );
    const seventh = await requestUpload(tenant.token, listingId, body);

    expect(six.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(seventh.status).toBe(409);
    expect(((await seventh.json()) as ErrorBody).error.message).toMatch(/6 photos/);
  });

  it('keeps six even when eight uploads are asked for at the same instant', async () => {
    const { tenant, listingId } = await tenantWithListing();

    const statuses = await Promise.all(
      Array.from({ length: 8 }, () =>
        requestUpload(tenant.token, listingId, { contentType: 'image/webp', size: 500 }).then(
          (r) => r.status,
        ),
      ),
    );

    expect(statuses.filter((s) => s === 201)).toHaveLength(6);
    expect(statuses.filter((s) => s === 409)).toHaveLength(2);
  });

  it.each([
    ['a GIF', { contentType: 'image/gif', size: 1000 }, 'contentType'],
    ['a PDF', { contentType: 'application/pdf', size: 1000 }, 'contentType'],
    ['more than 8 MB', { contentType: 'image/jpeg', size: 8 * 1024 * 1024 + 1 }, 'size'],
    ['an empty file', { contentType: 'image/jpeg', size: 0 }, 'size'],
  ])('refuses %s with a French message naming the field', async (_name, body, field) => {
    const { tenant, listingId } = await tenantWithListing();

    const response = await requestUpload(tenant.token, listingId, body);

    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe('validation_failed');
    expect(error.issues?.map((issue) => issue.path)).toContain(field);
    expect(error.message).toContain(`« ${field} »`);
    expect(error.message).toMatch(/JPEG, PNG ou WebP|8 Mo|vide/);
  });

  it('answers 404 to another tenant asking to upload, list or delete', async () => {
    const { tenant, listingId } = await tenantWithListing();
    const ticket = await upload(tenant.token, listingId, await phonePhoto());
    const other = await signIn(uniqueEmail());

    const uploadAttempt = await requestUpload(other.token, listingId, {
      contentType: 'image/jpeg',
      size: 1000,
    });
    const listAttempt = await api(`/listings/${listingId}/photos`, { token: other.token });
    const deleteAttempt = await api(`/listings/${listingId}/photos/${ticket.photoId}`, {
      method: 'DELETE',
      token: other.token,
    });

    expect([uploadAttempt.status, listAttempt.status, deleteAttempt.status]).toEqual([
      404, 404, 404,
    ]);
  });
});

/**
 * Export and erasure cover every kind of personal data: a tenant with a listing, a photo, a
 * mutual proposal with messages and a visit report, and a swap requested then cancelled, finds
 * all of it in `GET /me/export`; after `DELETE /me` no item of the table holds their account id,
 * e-mail, phone or name, and their photo files are gone. What others rely on stays, pseudonymised.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { getListing } from '../../functions/lib/db/listings';
import { listPhotoRecords } from '../../functions/lib/db/photos';
import { messagesOfThread } from '../../functions/lib/db/messages';
import { createPhotoStorage, photoObjectKeys } from '../../functions/lib/photos/storage';
import { signIn } from '../support/sign-in';
import { api, stack, stackDatabase } from '../support/stack';
import { mutualMatch } from '../support/swap-fixture';

const storage = () =>
  createPhotoStorage({
    region: stack().region,
    photosBucket: stack().photosBucket,
    s3Endpoint: stack().s3Endpoint,
  });

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Items of the whole table whose content mentions any of `needles` (case-insensitive). */
async function itemsMentioning(needles: string[]): Promise<Record<string, unknown>[]> {
  const db = stackDatabase();
  const lowered = needles.map((needle) => needle.toLowerCase());
  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: start }),
    );
    found.push(
      ...(page.Items ?? []).filter((item) =>
        lowered.some((needle) => JSON.stringify(item).toLowerCase().includes(needle)),
      ),
    );
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

async function readyPhoto(token: string, listingId: string): Promise<string> {
  const file = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 30, g: 160, b: 90 } },
  })
    .jpeg()
    .toBuffer();
  const response = await api(`/listings/${listingId}/photos`, {
    method: 'POST',
    token,
    json: { contentType: 'image/jpeg', size: file.length },
  });
  const ticket = (await response.json()) as {
    photoId: string;
    uploadUrl: string;
    method: string;
    headers: Record<string, string>;
  };
  expect(
    (
      await fetch(ticket.uploadUrl, {
        method: ticket.method,
        headers: ticket.headers,
        body: new Uint8Array(file),
      })
    ).status,
  ).toBe(200);
  expect(
    await until(async () =>
      (await listPhotoRecords(stackDatabase(), listingId)).some(
        (photo) => photo.status === 'ready',
      ),
    ),
  ).toBe(true);
  return ticket.photoId;
}

describe('export and erasure of a tenant', () => {
  it('exports every kind of data held, then erases it all: nothing personal left in the table nor in the bucket', async () => {
    // Prepare: every kind of data for one tenant (« subject »), with a partner who stays.
    const { matchId, requester: subject, partner } = await mutualMatch('SEDRE');
    const name = 'Josiane Técher-Grondin';
    const phone = '0692 98 76 54';
    expect(
      (
        await api('/me', {
          method: 'PATCH',
          token: subject.token,
          json: { displayName: name, phone },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api(`/matches/${matchId}/messages`, {
          method: 'POST',
          token: subject.token,
          json: { text: 'Bonjour, quand puis-je visiter ?' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api(`/matches/${matchId}/messages`, {
          method: 'POST',
          token: partner.token,
          json: { text: 'Samedi matin ?' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api(`/matches/${matchId}/visit`, {
          method: 'POST',
          token: subject.token,
          json: { suitable: true },
        })
      ).status,
    ).toBe(200);
    const photoId = await readyPhoto(subject.token, subject.listingId);
    const requested = await api('/swaps', {
      method: 'POST',
      token: subject.token,
      json: { matchId },
    });
    expect(requested.status).toBe(201);
    const { id: swapId } = (await requested.json()) as { id: string };
    const refusedWhileEngaged = await api('/me', { method: 'DELETE', token: subject.token });
    expect(
      (
        await api(`/swaps/${swapId}/cancel`, {
          method: 'POST',
          token: subject.token,
          json: { reason: 'Nous restons finalement.' },
        })
      ).status,
    ).toBe(200);

    // The cancellation mail leaves through the stream: exported once it is sent (none pending).
    const exportNow = async () => {
      const response = await api('/me/export', { token: subject.token });
      const read = (await response.json()) as Record<string, unknown[]> & {
        account: Record<string, unknown>;
      };
      return { response, read };
    };
    expect(await until(async () => (await exportNow()).read.mails?.length === 0)).toBe(true);

    // Act
    const { response: exported, read: document } = await exportNow();
    const erased = await api('/me', { method: 'DELETE', token: subject.token });

    // Assess: the export holds every kind.
    expect(refusedWhileEngaged.status).toBe(409);
    expect(exported.status).toBe(200);
    expect(document.account).toMatchObject({
      id: subject.user.id,
      email: subject.email,
      displayName: name,
      phone,
    });
    expect(document.annonces).toEqual([
      expect.objectContaining({
        id: subject.listingId,
        household: expect.objectContaining({ income: 21000 }),
      }),
    ]);
    expect(document.photos).toEqual([
      expect.objectContaining({
        id: photoId,
        listingId: subject.listingId,
        status: 'ready',
        url: expect.any(String),
      }),
    ]);
    expect(document.propositions).toContainEqual(
      expect.objectContaining({ id: matchId, myListingId: subject.listingId, myAnswer: 'yes' }),
    );
    expect(document.visites).toEqual([
      expect.objectContaining({ matchId, listingId: subject.listingId, suitable: true }),
    ]);
    expect(document.messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          matchId,
          fromMe: true,
          text: 'Bonjour, quand puis-je visiter ?',
        }),
        expect.objectContaining({ matchId, fromMe: false, text: 'Samedi matin ?' }),
      ]),
    );
    expect(document.echanges).toEqual([
      expect.objectContaining({ id: swapId, status: 'cancelled' }),
    ]);
    expect(document.journal).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'sign-in' }),
        expect.objectContaining({ action: 'swap-requested' }),
      ]),
    );
    expect(document.mails).toEqual([]);

    // Assess: nothing personal left, now and once the stream handlers have reacted.
    expect(erased.status).toBe(204);
    const needles = [subject.user.id, subject.email, phone, name];
    expect(await itemsMentioning(needles)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await itemsMentioning(needles)).toEqual([]);
    const kept = await getListing(stackDatabase(), subject.listingId);
    expect(kept).toMatchObject({
      status: 'withdrawn',
      dwelling: expect.objectContaining({ tenancyRef: 'effacé', dwellingRef: 'effacé' }),
    });
    expect(kept.household).toEqual({ adults: 1, children: 0 });
    expect(await storage().read(photoObjectKeys.photo(subject.listingId, photoId))).toBeUndefined();
    expect(
      await storage().read(photoObjectKeys.thumbnail(subject.listingId, photoId)),
    ).toBeUndefined();
    expect(await listPhotoRecords(stackDatabase(), subject.listingId)).toEqual([]);

    // Assess: what others rely on stays — the partner's message, the swap for Armos and the lessor.
    const thread = await messagesOfThread(stackDatabase(), matchId);
    expect(thread.map((message) => message.text)).toEqual(['Samedi matin ?']);
    const armos = await signIn('armos@bourse.local');
    const swap = await api(`/swaps/${swapId}`, { token: armos.token });
    expect(swap.status).toBe(200);
    expect(JSON.stringify(await swap.json())).not.toContain(subject.user.id);
  });
});

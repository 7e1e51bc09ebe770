/**
 * What DynamoDB's TTL deletes, the purge follows through the same stream path as on AWS: the
 * local stack's reaper deletes expired items and their REMOVE records carry the DynamoDB service
 * identity. An expired listing purged 12 months on frees its owner's one-active-listing guard,
 * and its photos go with it (items and S3 objects).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { getListing, listingUpdatePut } from '../../functions/lib/db/listings';
import { findMatch, linksOfListing } from '../../functions/lib/db/matches';
import { keys } from '../../functions/lib/db/model';
import { listPhotoRecords } from '../../functions/lib/db/photos';
import { transactWrite } from '../../functions/lib/db/transact';
import { messagesOfThread } from '../../functions/lib/db/messages';
import { createPhotoStorage, photoObjectKeys } from '../../functions/lib/photos/storage';
import { listingInput } from '../support/factories';
import { signIn } from '../support/sign-in';
import { api, stack, stackDatabase, uniqueEmail } from '../support/stack';
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

async function readyPhoto(token: string, listingId: string): Promise<string> {
  const file = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 80, b: 40 } },
  })
    .jpeg()
    .toBuffer();
  const ticket = (await (
    await api(`/listings/${listingId}/photos`, {
      method: 'POST',
      token,
      json: { contentType: 'image/jpeg', size: file.length },
    })
  ).json()) as {
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
  const db = stackDatabase();
  expect(
    await until(async () =>
      (await listPhotoRecords(db, listingId)).some((photo) => photo.status === 'ready'),
    ),
  ).toBe(true);
  return ticket.photoId;
}

describe('TTL purge', () => {
  it('frees the one-active-listing guard and deletes the photos of an expired listing purged by TTL: expire, purge, create again → 201', async () => {
    // Prepare: a published listing with a photo, then expired 13 months ago.
    const db = stackDatabase();
    const tenant = await signIn(uniqueEmail());
    const created = await api('/listings', {
      method: 'POST',
      token: tenant.token,
      json: listingInput(),
    });
    const { id: listingId } = (await created.json()) as { id: string };
    expect(
      (await api(`/listings/${listingId}/publish`, { method: 'POST', token: tenant.token })).status,
    ).toBe(200);
    const photoId = await readyPhoto(tenant.token, listingId);
    const blocked = await api('/listings', {
      method: 'POST',
      token: tenant.token,
      json: listingInput(),
    });
    const listing = await getListing(db, listingId);
    const longAgo = new Date(Date.now() - 396 * 86_400_000);
    await transactWrite(db, [
      listingUpdatePut(
        db,
        { ...listing, status: 'expired', updatedAt: longAgo.toISOString() },
        listing.version,
        longAgo,
      ),
    ]);

    // Act: the local TTL process deletes it; the purge follows the REMOVE record.
    const guardGone = await until(
      async () =>
        !(
          await db.doc.send(
            new GetCommand({
              TableName: db.tableName,
              Key: keys.activeListing(tenant.user.id),
              ConsistentRead: true,
            }),
          )
        ).Item,
    );
    const again = await api('/listings', {
      method: 'POST',
      token: tenant.token,
      json: listingInput(),
    });

    // Assess
    expect(blocked.status).toBe(409);
    expect(guardGone).toBe(true);
    expect(again.status).toBe(201);
    expect(
      (await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.listing(listingId) })))
        .Item,
    ).toBeUndefined();
    expect(await until(async () => (await listPhotoRecords(db, listingId)).length === 0)).toBe(
      true,
    );
    expect(await storage().read(photoObjectKeys.photo(listingId, photoId))).toBeUndefined();
    expect(await storage().read(photoObjectKeys.thumbnail(listingId, photoId))).toBeUndefined();
  });

  it('leaves the guard of a newer listing alone when an older one is purged', async () => {
    // Prepare: a withdrawn listing (guard freed), a new active one, then the old one's TTL passes.
    const db = stackDatabase();
    const tenant = await signIn(uniqueEmail());
    const { id: oldId } = (await (
      await api('/listings', { method: 'POST', token: tenant.token, json: listingInput() })
    ).json()) as { id: string };
    expect(
      (await api(`/listings/${oldId}/withdraw`, { method: 'POST', token: tenant.token })).status,
    ).toBe(200);
    const { id: newId } = (await (
      await api('/listings', { method: 'POST', token: tenant.token, json: listingInput() })
    ).json()) as { id: string };
    const old = await getListing(db, oldId);
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    await transactWrite(db, [
      listingUpdatePut(db, { ...old, updatedAt: longAgo.toISOString() }, old.version, longAgo),
    ]);

    // Act
    const purged = await until(
      async () =>
        !(
          await db.doc.send(
            new GetCommand({
              TableName: db.tableName,
              Key: keys.listing(oldId),
              ConsistentRead: true,
            }),
          )
        ).Item,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    // Assess
    expect(purged).toBe(true);
    const guard = (
      await db.doc.send(
        new GetCommand({
          TableName: db.tableName,
          Key: keys.activeListing(tenant.user.id),
          ConsistentRead: true,
        }),
      )
    ).Item;
    expect(guard?.listingId).toBe(newId);
  });
});

describe('TTL purge of a listing with proposals', () => {
  it('deletes its proposals, with their messages and every participant’s link', async () => {
    // Prepare: a mutual proposal with messages; the participant's listing withdrawn 13 months ago.
    const db = stackDatabase();
    const { matchId, requester: participant, partner } = await mutualMatch('SEDRE');
    expect(
      (
        await api(`/matches/${matchId}/messages`, {
          method: 'POST',
          token: participant.token,
          json: { text: 'Toujours intéressé ?' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api(`/listings/${participant.listingId}/withdraw`, {
          method: 'POST',
          token: participant.token,
        })
      ).status,
    ).toBe(200);
    const listing = await getListing(db, participant.listingId);
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    await transactWrite(db, [
      listingUpdatePut(
        db,
        { ...listing, updatedAt: longAgo.toISOString() },
        listing.version,
        longAgo,
      ),
    ]);

    // Act
    // The purge takes the listing's proposals one after another: wait for the last of them, not only ours.
    const matchGone = await until(
      async () =>
        !(await findMatch(db, matchId)) &&
        (await linksOfListing(db, participant.listingId)).length === 0,
      40_000,
    );

    // Assess
    expect(matchGone).toBe(true);
    expect(await messagesOfThread(db, matchId)).toEqual([]);
    expect((await linksOfListing(db, partner.listingId)).map((link) => link.matchId)).not.toContain(
      matchId,
    );
    expect(await linksOfListing(db, participant.listingId)).toEqual([]);
  });
});

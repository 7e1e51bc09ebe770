/**
 * Who sees a listing's photos besides those who manage or check it: the other participants of
 * an open proposal, and — naming the swap — the lessors of the dwellings in a swap, reviewing
 * the household that leaves this dwelling. Anyone else gets 404, even naming a swap.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { publishListing, waitForMatch, type PublishedTenant } from '../support/market';
import { signIn } from '../support/sign-in';
import { api } from '../support/stack';
import { verified, wants } from '../support/swap-fixture';

interface Photo {
  id: string;
  status: string;
  url?: string;
}

/** A requested swap between a SIDR dwelling (with a ready photo) and a SEMADER one. */
async function swapAcrossLessors(): Promise<{
  swapId: string;
  sidrTenant: PublishedTenant;
  semaderTenant: PublishedTenant;
}> {
  const sidrTenant = await publishListing({
    dwelling: {
      communeCode: '97420',
      quartierId: '97420-deux-rives',
      typology: 'T3',
      surface: 64,
      rent: 480,
      charges: 50,
      lessorId: 'SIDR',
    },
    household: { adults: 1, children: 0 },
    wishes: wants('T6', '97420-centre-ville'),
  } as never);
  const semaderTenant = await publishListing({
    dwelling: {
      communeCode: '97420',
      quartierId: '97420-centre-ville',
      typology: 'T6',
      surface: 110,
      rent: 700,
      charges: 60,
      lessorId: 'SEMADER',
    },
    household: { adults: 1, children: 0 },
    wishes: wants('T3', '97420-deux-rives'),
  } as never);
  await Promise.all([verified(sidrTenant), verified(semaderTenant)]);
  const file = await sharp({
    create: { width: 800, height: 600, channels: 3, background: { r: 10, g: 90, b: 160 } },
  })
    .jpeg()
    .toBuffer();
  const ticket = (await (
    await api(`/listings/${sidrTenant.listingId}/photos`, {
      method: 'POST',
      token: sidrTenant.token,
      json: { contentType: 'image/jpeg', size: file.length },
    })
  ).json()) as {
    photoId: string;
    uploadUrl: string;
    headers: Record<string, string>;
  };
  expect(
    (
      await fetch(ticket.uploadUrl, {
        method: 'PUT',
        headers: ticket.headers,
        body: new Uint8Array(file),
      })
    ).status,
  ).toBe(200);
  await expect
    .poll(
      async () =>
        (
          (await (
            await api(`/listings/${sidrTenant.listingId}/photos`, { token: sidrTenant.token })
          ).json()) as Photo[]
        )[0]?.status,
      { timeout: 15_000 },
    )
    .toBe('ready');
  const match = await waitForMatch(
    sidrTenant,
    [sidrTenant.listingId, semaderTenant.listingId],
    30_000,
  );
  for (const tenant of [sidrTenant, semaderTenant]) {
    expect(
      (
        await api(`/matches/${match.id}/interest`, {
          method: 'POST',
          token: tenant.token,
          json: { interested: true },
        })
      ).status,
    ).toBe(200);
  }
  const swap = await api('/swaps', {
    method: 'POST',
    token: semaderTenant.token,
    json: { matchId: match.id },
  });
  expect(swap.status, await swap.clone().text()).toBe(201);
  return { swapId: ((await swap.json()) as { id: string }).id, sidrTenant, semaderTenant };
}

describe('photo viewers', () => {
  it('shows the dwelling a household leaves to the lessor reviewing it through the swap, and to nobody outside', async () => {
    // Prepare
    const { swapId, sidrTenant } = await swapAcrossLessors();
    const [semader, other, outsider] = await Promise.all([
      signIn('agent.semader@bourse.local'),
      signIn('agent.shlmr@bourse.local'),
      publishListing({} as never),
    ]);
    const photos = `/listings/${sidrTenant.listingId}/photos`;

    // Act
    const [withSwap, withoutSwap, otherLessor, outsiderWithSwap] = await Promise.all([
      api(`${photos}?swapId=${swapId}`, { token: semader.token }),
      api(photos, { token: semader.token }),
      api(`${photos}?swapId=${swapId}`, { token: other.token }),
      api(`${photos}?swapId=${swapId}`, { token: outsider.token }),
    ]);

    // Assess
    expect(withSwap.status).toBe(200);
    const [photo] = (await withSwap.json()) as Photo[];
    expect(photo?.status).toBe('ready');
    expect((await fetch(photo!.url!)).status).toBe(200);
    expect([withoutSwap.status, otherLessor.status, outsiderWithSwap.status]).toEqual([
      404, 404, 404,
    ]);
  });
});

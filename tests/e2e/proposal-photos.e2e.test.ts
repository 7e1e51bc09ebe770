/**
 * Photos seen by those who need them: B, in a proposal with A, sees A's dwelling photo in the
 * proposal card and full size in the detail, through short-lived links; a tenant outside the
 * proposal gets nothing, neither from the API nor in the page.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { createMatchFixture } from '../support/match-fixture';
import { publishListing } from '../support/market';
import { api, stack } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface Photo {
  id: string;
  status: string;
  url?: string;
}

async function addReadyPhoto(token: string, listingId: string): Promise<void> {
  const file = await sharp({
    create: { width: 1200, height: 900, channels: 3, background: { r: 90, g: 160, b: 120 } },
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
        ((await (await api(`/listings/${listingId}/photos`, { token })).json()) as Photo[]).find(
          (photo) => photo.id === ticket.photoId,
        )?.status,
      {
        timeout: 15_000,
      },
    )
    .toBe('ready');
}

/** The image has arrived and was decoded (a refused link leaves it at width 0). */
const decoded = (locator: Locator) =>
  locator.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0);

describe('photos of the dwelling a proposal offers', () => {
  it('shows A’s photo to B in the proposal, and nothing to a tenant outside it', async () => {
    // Prepare
    const { matchId, participant: a, partner: b } = await createMatchFixture();
    await addReadyPhoto(a.token, a.listingId);
    const outsider = await publishListing({} as never);

    // Act
    const page = await signedInPage(browser, b.email, '/mon-annonce');
    await page.goto(`${stack().appUrl}/propositions`);
    const thumbnail = page.getByRole('img', { name: /Photo 1 sur 1 du logement proposé/ }).first();
    await thumbnail.waitFor({ timeout: 20_000 });
    await page.goto(`${stack().appUrl}/propositions/${matchId}`);
    const full = page.getByRole('img', { name: 'Photo 1 sur 1 du logement proposé' });
    await full.waitFor({ timeout: 20_000 });
    const outsiderList = await api(`/listings/${a.listingId}/photos`, { token: outsider.token });
    const outsiderPage = await signedInPage(browser, outsider.email, '/mon-annonce');
    await outsiderPage.goto(`${stack().appUrl}/propositions/${matchId}`);

    // Assess
    await expect.poll(() => decoded(thumbnail)).toBe(true);
    await expect.poll(() => decoded(full)).toBe(true);
    expect(await thumbnail.getAttribute('loading')).toBe('lazy');
    expect(new URL((await full.getAttribute('src'))!).pathname).toMatch(
      new RegExp(`^/photos/${a.listingId}/`),
    );
    await expectAccessible(page);
    await screenshot(page, 'proposal-photos');
    expect(outsiderList.status).toBe(404);
    await outsiderPage.getByRole('heading', { level: 1 }).waitFor();
    expect(await outsiderPage.getByRole('img', { name: /logement proposé/ }).count()).toBe(0);
  });
});

/**
 * A tenant adds a photo to their listing in the browser: the file input takes a JPEG, it goes
 * to the local S3 through the presigned URL, the photo job prepares it and the thumbnail
 * appears; then the tenant deletes it, after confirming. A file of the wrong type is refused
 * before anything is sent.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { listingInput } from '../support/factories';
import { signIn } from '../support/sign-in';
import { api, uniqueEmail } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const livingRoom = () =>
  sharp({
    create: { width: 1200, height: 900, channels: 3, background: { r: 230, g: 190, b: 120 } },
  })
    .jpeg({ quality: 80 })
    .toBuffer();

describe('listing photos', () => {
  it('uploads a JPEG, shows it once ready, deletes it after confirmation', async () => {
    // Prepare
    const email = uniqueEmail();
    const tenant = await signIn(email);
    const created = await api('/listings', {
      method: 'POST',
      token: tenant.token,
      json: listingInput(),
    });
    expect(created.status).toBe(201);
    const page = await signedInPage(browser, email, '/mon-annonce');
    const input = page.getByLabel('Ajouter des photos');
    await expect.poll(() => input.isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).toContain(
      'Pas de personnes, pas de numéro de rue ou de porte sur les photos',
    );
    await expectAccessible(page);

    // Act: a wrong type first, refused without a request
    await input.setInputFiles({
      name: 'plan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4'),
    });
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('« plan.pdf » n’est pas une photo JPEG, PNG ou WebP.');
    await screenshot(page, 'mon-annonce-photo-refusee');

    // Act: a real photo
    await input.setInputFiles({
      name: 'salon.jpg',
      mimeType: 'image/jpeg',
      buffer: await livingRoom(),
    });

    // Assess: ready, with a lazy thumbnail of fixed size
    const thumbnail = page.getByRole('img', { name: /Photo 1 du logement/ });
    await expect.poll(() => thumbnail.isVisible(), { timeout: 20_000 }).toBe(true);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'La photo est prête.' }).count())
      .toBe(1);
    expect(await thumbnail.getAttribute('loading')).toBe('lazy');
    expect([await thumbnail.getAttribute('width'), await thumbnail.getAttribute('height')]).toEqual(
      ['160', '120'],
    );
    // Lazy: below the fold on a phone, it loads when scrolled to.
    await thumbnail.scrollIntoViewIfNeeded();
    await expect
      .poll(() =>
        thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'mon-annonce-photos');

    // Act: delete, confirming in the dialog
    await page.getByRole('button', { name: 'Supprimer la photo 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Supprimer cette photo ?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await screenshot(page, 'mon-annonce-photo-supprimer');
    await dialog.getByRole('button', { name: 'Oui, supprimer la photo' }).click();

    // Assess
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'La photo 1 est supprimée.' }).count())
      .toBe(1);
    expect(await thumbnail.count()).toBe(0);
    const listed = await api(`/listings/${((await created.json()) as { id: string }).id}/photos`, {
      token: tenant.token,
    });
    expect(await listed.json()).toEqual([]);
    await page.close();
  });
});

/**
 * The one-click renewal link of the expiry mails, opened in a browser without signing in:
 * renewed once with the new date, "already extended" when opened again, refused when forged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signRenewalToken } from '../../functions/lib/listings/renewal-token';
import type { Listing } from '../../shared/schemas/listing';
import { launchBrowser } from '../support/browser';
import { listingInput } from '../support/factories';
import { signIn } from '../support/sign-in';
import { api, stack, uniqueEmail } from '../support/stack';
import { expectAccessible, screenshot } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function publishedListing(): Promise<{ listing: Listing; token: string }> {
  const tenant = await signIn(uniqueEmail());
  const created = await api('/listings', {
    method: 'POST',
    token: tenant.token,
    json: listingInput(),
  });
  expect(created.status).toBe(201);
  const published = await api(`/listings/${((await created.json()) as Listing).id}/publish`, {
    method: 'POST',
    token: tenant.token,
  });
  expect(published.status).toBe(200);
  return { listing: (await published.json()) as Listing, token: tenant.token };
}

const frenchDate = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Indian/Reunion' }).format(
    new Date(iso),
  );

async function openLink(token: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 }, locale: 'fr-FR' });
  await page.goto(`${stack().appUrl}/mon-annonce/prolonger?token=${encodeURIComponent(token)}`);
  await expect
    .poll(() => page.getByRole('status').or(page.getByRole('alert')).first().textContent())
    .not.toContain('Prolongation de votre annonce…');
  return page;
}

describe('renewal by link', () => {
  it('renews once with the new date, then says it was already extended, and forgets the token', async () => {
    // Prepare
    const { listing, token: session } = await publishedListing();
    const link = await signRenewalToken(
      stack().sessionSecret,
      { listingId: listing.id, period: listing.expiresAt! },
      new Date(),
    );

    // Act
    const first = await openLink(link);

    // Assess
    const renewed = (await (
      await api(`/listings/${listing.id}`, { token: session })
    ).json()) as Listing;
    expect(renewed.expiresAt! > listing.expiresAt!).toBe(true);
    expect(await first.getByRole('status').first().textContent()).toContain(
      `Votre annonce est prolongée jusqu’au ${frenchDate(renewed.expiresAt!)}.`,
    );
    expect(new URL(first.url()).search).toBe('');
    await expectAccessible(first);
    await screenshot(first, 'prolonger-ok');
    await first.close();

    const again = await openLink(link);
    expect(await again.getByRole('status').first().textContent()).toContain('déjà prolongée');
    expect(await again.locator('main').textContent()).toContain(
      `publiée jusqu’au ${frenchDate(renewed.expiresAt!)}`,
    );
    await expectAccessible(again);
    await screenshot(again, 'prolonger-deja');
    await again.close();
  });

  it('refuses a forged link and offers to sign in', async () => {
    // Prepare
    const { listing } = await publishedListing();
    const forged = await signRenewalToken(
      'un-autre-secret-un-autre-secret-un-autre-secret',
      { listingId: listing.id, period: listing.expiresAt! },
      new Date(),
    );

    // Act
    const page = await openLink(forged);

    // Assess
    expect(await page.getByRole('alert').textContent()).toContain(
      'Ce lien de prolongation n’est pas valide',
    );
    expect(
      await page.getByRole('link', { name: 'Se connecter pour prolonger' }).getAttribute('href'),
    ).toBe('/connexion');
    expect(new URL(page.url()).search).toBe('');
    await expectAccessible(page);
    await screenshot(page, 'prolonger-erreur');
    await page.close();
  });
});

/** A reception agent creates a listing for a tenant without e-mail, prints its sheet, then opens it to edit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { stack } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';
import {
  continueTo,
  fillDwelling,
  fillHousehold,
  fillWishes,
  stepHeading,
} from './helpers/listing-form';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('reception agent', () => {
  it('creates a listing on behalf of a tenant without e-mail, with consent, and opens its printable sheet', async () => {
    // Prepare
    const tenantName = `Mme Hoarau ${Date.now()
      .toString(36)
      .replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)]!)}`;
    const page = await signedInPage(browser, 'accueil@bourse.local', '/accueil');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Point d’accueil' }).isVisible())
      .toBe(true);

    // Act: the tenant step refuses to go on without the consent
    await page.getByRole('link', { name: 'Déposer une annonce pour un locataire' }).click();
    await expect.poll(() => stepHeading(page).textContent()).toContain('Le locataire');
    await page.getByLabel('Nom et prénom du locataire').fill(tenantName);
    await page.getByLabel(/Téléphone/).fill('0692 12 34 56');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('consentement');
    await expectAccessible(page);
    await screenshot(page, 'accueil-formulaire-locataire');
    await page
      .getByLabel("Le locataire a donné son accord pour que je dépose l'annonce en son nom")
      .check();
    await continueTo(page, 'Son logement');
    await fillDwelling(page, `BAIL-ACC-${Date.now().toString(36)}`);
    await continueTo(page, 'Son foyer');
    await fillHousehold(page);
    await continueTo(page, 'cherche');
    await fillWishes(page);
    await continueTo(page, 'Vérifier et envoyer');
    expect(await page.locator('main').textContent()).toContain(tenantName);
    await page.getByRole('button', { name: 'Créer l’annonce' }).click();
    await page.getByRole('button', { name: 'Publier maintenant' }).click();

    // Assess: in the agent's list, published, with its sheet
    await page.waitForURL((url) => url.pathname === '/accueil');
    const card = page.locator('li.card', { hasText: tenantName });
    await expect.poll(() => card.textContent()).toContain('publiée');
    await expectAccessible(page);
    await screenshot(page, 'accueil');
    await card.getByRole('link', { name: 'Fiche à imprimer' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain(tenantName);
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(true);
    expect(await page.locator('main').textContent()).toMatch(/Propositions d’échange/);
    await expectAccessible(page);
    await screenshot(page, 'fiche');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
    await screenshot(page, 'fiche-impression');
    await page.emulateMedia({ media: 'screen' });

    // Editing it later: the tenant is known, so the form has no tenant step, not even while it loads
    await page.goto(`${stack().appUrl}/accueil`);
    const editLink = page
      .locator('li.card', { hasText: tenantName })
      .getByRole('link', { name: 'Modifier' });
    const editHref = await editLink.getAttribute('href');
    const listingId = editHref?.split('/')[3] ?? '';
    let releaseListing = () => {};
    const listingHeld = new Promise<void>((resolve) => (releaseListing = resolve));
    await page.route(`**/api/listings/${listingId}`, async (route) => {
      await listingHeld;
      await route.continue();
    });
    await editLink.click();
    await expect
      .poll(() => page.locator('.listing-form__count').textContent())
      .toBe('Étape 1 sur 4');
    expect(await stepHeading(page).textContent()).toContain('Son logement');
    releaseListing();
    await expect
      .poll(() => page.getByLabel(/Référence de bail/).inputValue())
      .toMatch(/^BAIL-ACC-/);
    expect(await page.locator('.listing-form__count').textContent()).toBe('Étape 1 sur 4');
    await page.close();
  });
});

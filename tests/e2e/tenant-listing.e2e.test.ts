/** A tenant signs in, fills the four steps of the listing form, creates and publishes it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { uniqueEmail } from '../support/stack';
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

describe('tenant listing', () => {
  it('lands on the empty state, fills the 4 steps, creates and publishes the listing', async () => {
    // Prepare
    const page = await signedInPage(browser, uniqueEmail(), '/mon-annonce');
    await expect
      .poll(() =>
        page.getByRole('heading', { name: 'Vous n’avez pas encore d’annonce' }).isVisible(),
      )
      .toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'mon-annonce-vide');

    // Act: step 1, first without answers to see the errors
    await page.getByRole('link', { name: 'Déposer mon annonce' }).last().click();
    await expect.poll(() => stepHeading(page).textContent()).toContain('Mon logement');
    await expectAccessible(page);
    await screenshot(page, 'formulaire-etape-1');
    await page.getByRole('button', { name: 'Continuer' }).click();
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('Choisissez votre bailleur.');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('error-summary');
    await expectAccessible(page);
    await screenshot(page, 'formulaire-erreurs');
    await fillDwelling(page, 'BAIL-E2E-0042');

    // step 2: focus moved to the new step's heading
    await continueTo(page, 'Mon foyer');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    await fillHousehold(page);
    await expectAccessible(page);
    await screenshot(page, 'formulaire-etape-2');

    // step 3
    await continueTo(page, 'Ce que je cherche');
    await fillWishes(page);
    await expectAccessible(page);
    await screenshot(page, 'formulaire-etape-3');

    // step 4: review, create, publish
    await continueTo(page, 'Vérifier et envoyer');
    expect(await page.locator('main').textContent()).toContain('BAIL-E2E-0042');
    await expectAccessible(page);
    await screenshot(page, 'formulaire-etape-4');
    await page.getByRole('button', { name: 'Créer l’annonce' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Publier maintenant' }).isVisible())
      .toBe(true);
    await screenshot(page, 'formulaire-enregistre');
    await page.getByRole('button', { name: 'Publier maintenant' }).click();

    // Assess
    await page.waitForURL((url) => url.pathname === '/mon-annonce');
    await expect.poll(() => page.locator('.listing-status').textContent()).toContain('publiée');
    expect(await page.locator('.listing-status').textContent()).toMatch(
      /Publiée jusqu’au\s*\d{1,2} \S+ \d{4}/,
    );
    expect(await page.getByRole('status').first().textContent()).toContain('publiée jusqu’au');
    await expectAccessible(page);
    await screenshot(page, 'mon-annonce');

    // The destructive action asks first.
    await page.getByRole('button', { name: 'Retirer' }).click();
    await expect
      .poll(() => page.getByRole('dialog', { name: 'Retirer votre annonce ?' }).isVisible())
      .toBe(true);
    await screenshot(page, 'mon-annonce-retirer');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);
    await page.close();
  });
});

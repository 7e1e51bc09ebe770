/** Armos's space (queue across lessors, staff accounts) and where CINOR lands after sign-in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { uniqueEmail } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('armos and cinor', () => {
  it('armos filters the queue by lessor and creates a lessor agent account', async () => {
    const page = await signedInPage(browser, 'armos@bourse.local', '/armos');
    await expect.poll(() => page.getByRole('tab', { name: 'À vérifier' }).isVisible()).toBe(true);
    await page.getByLabel('Bailleur', { exact: true }).selectOption('SIDR');
    await expect.poll(() => page.locator('.tabs__panel').textContent()).not.toContain('Chargement');
    await expectAccessible(page);
    await screenshot(page, 'armos');

    await page.getByRole('link', { name: 'Gérer les comptes du personnel' }).click();
    const email = uniqueEmail('agent');
    await page.getByLabel('Adresse e-mail professionnelle').fill(email);
    await page.getByLabel('Rôle').selectOption('lessor');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Choisissez le bailleur');
    await page.getByLabel('Bailleur', { exact: true }).selectOption('SEMADER');
    await page.getByRole('button', { name: 'Créer le compte' }).click();

    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Compte créé pour ${email}`);
    expect(await page.locator('.staff-list', { hasText: email }).textContent()).toContain('SEMADER');
    await expectAccessible(page);
    await screenshot(page, 'armos-comptes');
    await page.close();
  });

  // Only the landing is checked here: the statistics page itself has its own tests.
  it('cinor lands on the statistics page', async () => {
    const page = await signedInPage(browser, 'cinor@bourse.local', '/statistiques');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/statistiques/i);
    await page.close();
  });
});

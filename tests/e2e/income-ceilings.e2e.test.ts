/** Armos reads the seeded income ceilings and records next year's table from the page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { stack } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('income ceilings', () => {
  it('shows the official table and saves the following year with its decree', async () => {
    // Prepare
    const page = await signedInPage(browser, 'armos@bourse.local', '/armos');
    await page.goto(`${stack().appUrl}/armos/plafonds`);
    const lls1 = page.getByLabel('LLS, catégorie 1', { exact: true });
    await lls1.waitFor();
    // Other files may have saved later years: this one starts from the current year's table.
    const thisYear = new Date().getUTCFullYear();
    await page.getByLabel('Année', { exact: true }).selectOption(String(thisYear));
    expect(Number(await lls1.inputValue())).toBeGreaterThan(15_000);
    await expectAccessible(page);
    await screenshot(page, 'armos-plafonds');

    // Act
    await page.getByRole('button', { name: 'Ajouter l’année suivante' }).click();
    await lls1.fill('21500');
    await page
      .getByLabel('Texte officiel (arrêté, date)')
      .fill('Arrêté de l’année suivante (essai)');
    const newYear = Number(await page.getByLabel('Année', { exact: true }).inputValue());
    await page.getByRole('button', { name: `Enregistrer les plafonds ${newYear}` }).click();

    // Assess
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'enregistrés' }).count())
      .toBe(1);
    expect(newYear).toBeGreaterThan(thisYear);
    expect(await page.getByLabel('Année', { exact: true }).inputValue()).toBe(String(newYear));
    expect(await page.getByText('Modifié le').count()).toBe(1);
    await expectAccessible(page);
    await page.close();
  });
});

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

describe('reception points', () => {
  it('Armos adds a reception point and the public page shows it', async () => {
    const page = await signedInPage(browser, 'armos@bourse.local', '/armos');
    await page.goto(`${stack().appUrl}/armos/points-accueil`);
    await expect
      .poll(() => page.getByRole('heading', { name: /Ajouter un point/ }).count())
      .toBe(1);

    await page.getByLabel('Nom', { exact: true }).fill('Maison France Services de Sainte-Suzanne');
    await page.getByLabel('Commune', { exact: true }).selectOption('97420');
    await page.getByLabel('Lieu', { exact: true }).fill('Place de la mairie');
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();

    await expect
      .poll(() => page.getByText('Maison France Services de Sainte-Suzanne').count())
      .toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'armos-points-accueil');
    const visitor = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await visitor.goto(`${stack().appUrl}/points-accueil`);
    // The API keeps reference data a few seconds per process.
    await expect
      .poll(
        async () => {
          await visitor.reload();
          return visitor.getByText('Maison France Services de Sainte-Suzanne').count();
        },
        { timeout: 20_000, interval: 2_000 },
      )
      .toBe(1);
    await expectAccessible(visitor);
    await visitor.close();
    await page.close();
  });
});

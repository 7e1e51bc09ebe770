import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('statistics for CINOR', () => {
  it('shows the indicators per quartier with downloads, accessibly', async () => {
    const page = await signedInPage(browser, 'cinor@bourse.local', '/statistiques');

    await expect.poll(() => page.locator('table').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('link', { name: /CSV/ }).count()).toBeGreaterThan(0);
    expect(await page.locator('body').textContent()).toMatch(/Saint-Denis/);
    await expectAccessible(page);
    await screenshot(page, 'statistiques');
    await page.close();
  });

  it('draws the monthly chart once it is scrolled to, not before', async () => {
    const page = await signedInPage(browser, 'cinor@bourse.local', '/statistiques');
    const canvas = page.locator('figure.trend canvas');
    await expect.poll(() => canvas.count(), { timeout: 15_000 }).toBe(1);
    const drawn = () =>
      canvas.evaluate((element: HTMLCanvasElement) =>
        element
          .getContext('2d')!
          .getImageData(0, 0, element.width, element.height)
          .data.some((value) => value !== 0),
      );

    const drawnBeforeScrolling = await drawn();
    await canvas.scrollIntoViewIfNeeded();

    expect(drawnBeforeScrolling).toBe(false);
    await expect.poll(drawn, { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'statistiques-graphique');
    await page.close();
  });
});

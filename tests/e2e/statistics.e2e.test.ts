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
});

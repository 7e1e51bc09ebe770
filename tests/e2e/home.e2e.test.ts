import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, checkAccessibility } from '../support/browser';
import { stack } from '../support/stack';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('home page', () => {
  it('loads in French from the local stack, without serious accessibility violations', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });

    await page.goto(stack().appUrl);

    await expect.poll(() => page.locator('h1').textContent()).toBeTruthy();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toMatch(/logement|échange/i);
    expect(await checkAccessibility(page)).toEqual([]);
    await page.close();
  });

  it('serves client-side routes on deep links', async () => {
    const page = await browser.newPage();

    const response = await page.goto(`${stack().appUrl}/comment-ca-marche`);

    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/marche/i);
    await page.close();
  });
});

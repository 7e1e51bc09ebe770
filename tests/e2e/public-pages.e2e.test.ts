import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { checkAccessibility, launchBrowser } from '../support/browser';
import { stack } from '../support/stack';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const PUBLIC_PAGES = [
  '/',
  '/comment-ca-marche',
  '/faq',
  '/points-accueil',
  '/accessibilite',
  '/mentions-legales',
  '/connexion',
  '/page-qui-n-existe-pas',
];

describe('public pages', () => {
  it.each(PUBLIC_PAGES)(
    '%s loads in French at 360 px without serious accessibility violations',
    async (path) => {
      const page = await browser.newPage({ viewport: { width: 360, height: 800 } });

      await page.goto(`${stack().appUrl}${path}`);

      await expect.poll(() => page.locator('h1').count()).toBeGreaterThan(0);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      expect(await checkAccessibility(page)).toEqual([]);
      await page.close();
    },
  );
});

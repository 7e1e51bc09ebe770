/**
 * A phone's first screen shows the page, not the menu: at 390 × 844 the header is one compact bar,
 * the page title and its first content are visible without scrolling, and the menu button works
 * with the keyboard and says whether it is open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkAccessibility, launchBrowser } from '../support/browser';
import { requestLinkToken } from '../support/sign-in';
import { stack, uniqueEmail } from '../support/stack';
import { screenshot } from './helpers/browser-session';

const PHONE = { width: 390, height: 844 };
const PUBLIC_PAGES = [
  '/',
  '/comment-ca-marche',
  '/faq',
  '/points-accueil',
  '/accessibilite',
  '/mentions-legales',
  '/connexion',
];
const TENANT_PAGES = ['/mon-annonce', '/propositions', '/echanges', '/mon-compte'];

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function expectPageFirst(page: Page, path: string): Promise<void> {
  await page.goto(`${stack().appUrl}${path}`);
  const title = page.locator('main h1').first();
  await expect.poll(() => title.isVisible(), { timeout: 15_000 }).toBe(true);
  // Pages fill in as their data arrives: wait for what follows the title before measuring it.
  await expect
    .poll(() => page.locator('main h1 ~ *').count(), { timeout: 15_000 })
    .toBeGreaterThan(0);
  const header = await page.locator('.site-header').boundingBox();
  const titleBox = await title.boundingBox();
  const firstContent = await page.locator('main h1 ~ *').first().boundingBox();
  expect(header!.height, `${path}: header height`).toBeLessThanOrEqual(PHONE.height * 0.12);
  expect(titleBox!.y + titleBox!.height, `${path}: title`).toBeLessThanOrEqual(PHONE.height);
  expect(firstContent!.y, `${path}: first content`).toBeLessThan(PHONE.height);
  expect(await page.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(
    false,
  );
}

describe('compact header on a phone', () => {
  it.each(PUBLIC_PAGES)('%s shows its title and first content above the fold', async (path) => {
    const page = await browser.newPage({ viewport: PHONE });
    await expectPageFirst(page, path);
    await page.close();
  });

  it('the signed-in pages too', async () => {
    // Prepare
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${stack().appUrl}/connexion?token=${await requestLinkToken(uniqueEmail())}`);
    await page.waitForURL((url) => url.pathname === '/mon-annonce');

    // Act + Assess
    for (const path of TENANT_PAGES) await expectPageFirst(page, path);
    await screenshot(page, 'entete-telephone');
    await page.close();
  });

  it('opens and closes the menu with the keyboard, Escape giving focus back to the button', async () => {
    // Prepare
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${stack().appUrl}/faq`);
    const button = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');

    // Act: open with Enter
    await button.focus();
    await page.keyboard.press('Enter');

    // Assess
    await expect.poll(() => nav.isVisible()).toBe(true);
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await button.getAttribute('aria-controls')).toBe('menu-principal');
    expect(await checkAccessibility(page)).toEqual([]);
    if (process.env.SCREENSHOTS === '1')
      await page.screenshot({ path: 'docs/screenshots/menu-ouvert-390.png' });

    // Act: Tab into the links, then Escape
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => document.activeElement?.closest('nav')?.getAttribute('aria-label')),
    ).toBe('Navigation principale');
    await page.keyboard.press('Escape');

    // Assess
    await expect.poll(() => nav.isVisible()).toBe(false);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Menu');
    await page.close();
  });

  it('a link of the menu leads to its page and folds the menu', async () => {
    // Prepare
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${stack().appUrl}/`);
    await page.getByRole('button', { name: 'Menu' }).click();

    // Act
    await page.getByRole('link', { name: 'Questions fréquentes' }).click();

    // Assess
    await page.waitForURL((url) => url.pathname === '/faq');
    await expect
      .poll(() => page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded'))
      .toBe('false');
    await page.close();
  });

  it('on a wide screen the navigation is shown and there is no menu button', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${stack().appUrl}/faq`);
    await expect
      .poll(() => page.getByRole('navigation', { name: 'Navigation principale' }).isVisible())
      .toBe(true);
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    await page.close();
  });
});

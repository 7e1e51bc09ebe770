/**
 * Helpers for the signed-in pages' browser tests: sign in through the real e-mail link, take
 * the review screenshots (only with SCREENSHOTS=1, so CI runs never rewrite docs/screenshots/),
 * and check accessibility where it matters.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkAccessibility } from '../../support/browser';
import { requestLinkToken } from '../../support/sign-in';
import { stack } from '../../support/stack';
import { SESSION_COOKIE } from '../../../functions/lib/auth/session';

const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../docs/screenshots');
const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 800 };

/**
 * A phone-sized page signed in as `email`, once the app has landed on `home`. A seeded staff
 * account reuses the session the global setup opened through the real e-mail link: every file
 * signing in as Armos would otherwise exhaust its 5 links per 15 minutes.
 */
export async function signedInPage(browser: Browser, email: string, home: string): Promise<Page> {
  const page = await browser.newPage({ viewport: PHONE, locale: 'fr-FR' });
  const staff = stack().staffSessions[email];
  if (staff) {
    await page
      .context()
      .addCookies([{ name: SESSION_COOKIE, value: staff.token, url: stack().appUrl }]);
    await page.goto(`${stack().appUrl}${home}`);
  } else {
    const token = await requestLinkToken(email);
    await page.goto(`${stack().appUrl}/connexion?token=${token}`);
  }
  await page.waitForURL((url) => url.pathname === home);
  return page;
}

/** `name-360.png` and `name-1280.png` of the whole page, when SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.screenshot({
      path: resolve(SCREENSHOT_DIR, `${name}-${viewport.width}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize(PHONE);
}

export async function expectAccessible(page: Page): Promise<void> {
  expect(await checkAccessibility(page)).toEqual([]);
}

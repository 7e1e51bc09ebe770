/**
 * "Mon compte": a tenant sets a name, a phone and a weekly digest, downloads their data and
 * deletes the account after reading what goes and what stays; the legal page links to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { signIn } from '../support/sign-in';
import { api, stack, uniqueEmail } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function openAccountFromMenu(page: Page) {
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: 'Mon compte' }).click();
  await page.waitForURL((url) => url.pathname === '/mon-compte');
  await expect
    .poll(() => page.getByRole('heading', { level: 1, name: 'Mon compte' }).isVisible())
    .toBe(true);
}

describe('mon compte', () => {
  it('saves name, phone and the weekly digest, which the API then returns', async () => {
    // Prepare
    const email = uniqueEmail();
    const page = await signedInPage(browser, email, '/mon-annonce');
    await openAccountFromMenu(page);
    await expectAccessible(page);

    // Act
    await page.getByLabel(/Votre nom/).fill('Marie Payet');
    await page.getByLabel(/Téléphone/).fill('0692 12 34 56');
    await page.getByRole('radio', { name: 'Chaque semaine' }).check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    // Assess
    await expect
      .poll(() => page.getByText('Vos changements sont enregistrés.').isVisible())
      .toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'mon-compte');
    const { token } = await signIn(email);
    const me = (await (await api('/me', { token })).json()) as Record<string, unknown>;
    expect(me).toMatchObject({
      displayName: 'Marie Payet',
      phone: '0692 12 34 56',
      notifications: { proposals: 'weekly' },
    });
    await page.close();
  });

  it('shows a wrong phone number next to its field', async () => {
    // Prepare
    const page = await signedInPage(browser, uniqueEmail(), '/mon-annonce');
    await page.goto(`${stack().appUrl}/mon-compte`);
    await expect.poll(() => page.getByLabel(/Téléphone/).isVisible()).toBe(true);

    // Act
    await page.getByLabel(/Téléphone/).fill('abc');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    // Assess
    await expect
      .poll(() => page.locator('.field__error').first().textContent())
      .toContain('numéro de téléphone');
    await expectAccessible(page);
    await page.close();
  });

  it('downloads my data as a JSON file', async () => {
    // Prepare
    const email = uniqueEmail();
    const page = await signedInPage(browser, email, '/mon-annonce');
    await page.goto(`${stack().appUrl}/mon-compte`);

    // Act
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger mes données' }).click(),
    ]);

    // Assess
    expect(download.suggestedFilename()).toBe('mes-donnees-echange-kaz.json');
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const document = JSON.parse(await readFile(path, 'utf8')) as { account: { email: string } };
    expect(document.account.email).toBe(email);
    await page.close();
  });

  it('deletes the account after a confirmation that says what is erased and what is kept', async () => {
    // Prepare
    const email = uniqueEmail();
    const page = await signedInPage(browser, email, '/mon-annonce');
    await page.goto(`${stack().appUrl}/mon-compte`);
    await page.getByRole('button', { name: 'Supprimer mon compte…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Supprimer votre compte ?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('Ce qui est effacé');
    expect(await dialog.textContent()).toContain('Ce qui reste, sans votre nom');
    await expectAccessible(page);
    await screenshot(page, 'mon-compte-suppression');

    // Act
    await dialog.getByRole('button', { name: 'Oui, supprimer mon compte' }).click();

    // Assess: the page says so, the session is gone, the address is a new account next time
    await expect
      .poll(() => page.getByRole('heading', { name: 'Compte supprimé' }).isVisible())
      .toBe(true);
    expect((await page.request.get(`${stack().appUrl}/api/me`)).status()).toBe(401);
    await page.close();
  });

  it('is linked from the legal page', async () => {
    // Prepare
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });

    // Act
    await page.goto(`${stack().appUrl}/mentions-legales`);

    // Assess
    await expect
      .poll(() => page.getByRole('link', { name: 'votre compte' }).getAttribute('href'))
      .toBe('/mon-compte');
    await page.close();
  });
});

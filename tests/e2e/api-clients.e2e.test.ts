/** Armos connects a lessor's system in the browser: the secret is shown once, then revoked. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { api } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('API clients in Armos’s space', () => {
  it('creates a client whose secret works once shown, then revokes it after a confirmation', async () => {
    const page = await signedInPage(browser, 'armos@bourse.local', '/armos');
    await page.getByRole('link', { name: /clients de l’API/ }).click();
    await expect.poll(() => page.getByLabel('Bailleur', { exact: true }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Créer le client' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Choisissez le bailleur');
    await page.getByLabel('Bailleur', { exact: true }).selectOption('SODIAC');
    await page.getByLabel('Nom du système').fill('Progiciel navigateur');
    await page.getByRole('button', { name: 'Créer le client' }).click();
    const secret = page.getByTestId('client-secret');
    await expect.poll(() => secret.isVisible()).toBe(true);
    const clientSecret = (await secret.textContent()) ?? '';
    const clientId = (await page.locator('.secret__values code').first().textContent()) ?? '';
    await expectAccessible(page);
    await screenshot(page, 'armos-clients-api');

    const token = await api('/oauth/token', {
      method: 'POST',
      json: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
    });
    expect(token.status).toBe(200);

    await page.reload();
    await expect
      .poll(() => page.locator('.client-list').textContent())
      .toContain('Progiciel navigateur');
    expect(await page.getByTestId('client-secret').count()).toBe(0);
    await page
      .getByRole('button', { name: 'Révoquer le client Progiciel navigateur' })
      .first()
      .click();
    const dialog = page.getByRole('dialog', {
      name: 'Révoquer le client « Progiciel navigateur » ?',
    });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Révoquer le client' }).click();

    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('est révoqué');
    const refused = await api('/oauth/token', {
      method: 'POST',
      json: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
    });
    expect(refused.status).toBe(401);
    await page.close();
  });
});

/** Armos's space (queue across lessors, staff accounts) and where CINOR lands after sign-in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { newAgent } from '../support/agents';
import { api, uniqueEmail } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('armos and cinor', () => {
  it('armos filters the queue by lessor and creates a lessor agent account', async () => {
    const page = await signedInPage(browser, 'armos@bourse.local', '/armos');
    await expect.poll(() => page.getByRole('tab', { name: 'À vérifier' }).isVisible()).toBe(true);
    await page.getByLabel('Bailleur', { exact: true }).selectOption('SIDR');
    await expect.poll(() => page.locator('.tabs__panel').textContent()).not.toContain('Chargement');
    await expectAccessible(page);
    await screenshot(page, 'armos');

    await page.getByRole('link', { name: 'Gérer les comptes du personnel' }).click();
    const email = uniqueEmail('agent');
    await page.getByLabel('Adresse e-mail professionnelle').fill(email);
    await page.getByLabel('Rôle', { exact: true }).selectOption('lessor');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Choisissez le bailleur');
    await page.getByLabel('Bailleur', { exact: true }).selectOption('SEMADER');
    await page.getByRole('button', { name: 'Créer le compte' }).click();

    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain(`Compte créé pour ${email}`);
    expect(await page.locator('.staff-list', { hasText: email }).textContent()).toContain(
      'SEMADER',
    );
    await expectAccessible(page);
    await screenshot(page, 'armos-comptes');
    await page.close();
  });

  it('armos deactivates a reception agent after confirming: the agent’s session stops working', async () => {
    const agent = await newAgent();
    const page = await signedInPage(browser, 'armos@bourse.local', '/armos');
    await page.getByRole('link', { name: 'Gérer les comptes du personnel' }).click();
    const deactivate = page.getByRole('button', { name: `Désactiver le compte de ${agent.email}` });
    await expect.poll(() => deactivate.isVisible()).toBe(true);

    await deactivate.click();
    const dialog = page.getByRole('dialog', { name: `Désactiver le compte de ${agent.email} ?` });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'armos-comptes-desactiver');
    await dialog.getByRole('button', { name: 'Désactiver le compte' }).click();

    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('est désactivé');
    expect(
      await page.locator('.staff-list__item', { hasText: agent.email }).textContent(),
    ).toContain('désactivé');
    expect((await api('/me', { token: agent.token })).status).toBe(401);
    await expect
      .poll(() =>
        page.getByRole('button', { name: `Réactiver le compte de ${agent.email}` }).isVisible(),
      )
      .toBe(true);
    await expectAccessible(page);
    await page.close();
  });

  // Only the landing is checked here: the statistics page itself has its own tests.
  it('cinor lands on the statistics page', async () => {
    const page = await signedInPage(browser, 'cinor@bourse.local', '/statistiques');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toMatch(/statistiques/i);
    await page.close();
  });
});

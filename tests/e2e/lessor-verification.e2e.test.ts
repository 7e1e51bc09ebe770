/** A lessor agent finds a tenant's listing in its queue and rejects it with a reason. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { listingInput } from '../support/factories';
import { signIn } from '../support/sign-in';
import { api, uniqueEmail } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Other test files fill the same queue: page through it ("Voir plus") until the item shows. */
async function findInQueue(page: Page, item: Locator): Promise<void> {
  const loaded = () =>
    expect
      .poll(() => page.locator('.tabs__panel').textContent(), { timeout: 15_000 })
      .not.toContain('Chargement');
  await loaded();
  while (!(await item.isVisible())) {
    const more = page.getByRole('button', { name: 'Voir plus' });
    if (!(await more.isVisible())) throw new Error('Annonce absente de la file');
    await more.click();
    await loaded();
  }
}

describe('lessor verification queue', () => {
  it('shows a SIDR tenant’s listing, rejects it with a reason, then lists it under "Rejetées"', async () => {
    // Prepare: a tenant creates a listing for a SIDR dwelling through the API
    const tenancyRef = `BAIL-SIDR-${Date.now().toString(36)}`;
    const tenant = await signIn(uniqueEmail());
    const created = await api('/listings', {
      method: 'POST',
      token: tenant.token,
      json: listingInput({ dwelling: { lessorId: 'SIDR', tenancyRef } }),
    });
    expect(created.status).toBe(201);

    // Act
    const page = await signedInPage(browser, 'agent.sidr@bourse.local', '/bailleur');
    const item = page.getByRole('article', { name: new RegExp(`Bail ${tenancyRef}`) });
    await findInQueue(page, item);
    await expectAccessible(page);
    await screenshot(page, 'bailleur');
    await item.getByRole('button', { name: /^Rejeter/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Rejeter cette annonce' });
    await dialog.getByRole('button', { name: 'Rejeter l’annonce' }).click();
    await expect.poll(() => dialog.textContent()).toContain('Indiquez le motif');
    await expectAccessible(page);
    await screenshot(page, 'bailleur-rejet');
    await dialog
      .getByLabel('Motif du rejet')
      .fill('Ce numéro de logement ne correspond pas à ce bail.');
    await dialog.getByRole('button', { name: 'Rejeter l’annonce' }).click();

    // Assess
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'rejetée' }).count())
      .toBe(1);
    expect(await item.isVisible()).toBe(false);
    await page.getByRole('tab', { name: 'Rejetées' }).click();
    expect(await page.getByRole('tab', { name: 'Rejetées' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await findInQueue(page, item);
    expect(await item.textContent()).toContain(
      'Ce numéro de logement ne correspond pas à ce bail.',
    );
    await expectAccessible(page);
    await screenshot(page, 'bailleur-rejetees');
    await page.close();
  });
});

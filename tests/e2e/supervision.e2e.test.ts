/** Armos's dashboard (charts with their tables) and audit screen (filters, pages) in the browser. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { listingInput } from '../support/factories';
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

describe('Armos supervises', () => {
  it('reads the dashboard: every chart has its table of figures', async () => {
    // Prepare: one more listing waiting for SEMAC's verification.
    const tenant = await signIn(uniqueEmail());
    await api('/listings', {
      method: 'POST',
      token: tenant.token,
      json: listingInput({ dwelling: { lessorId: 'SEMAC' } } as never),
    });

    // Act
    const page = await signedInPage(browser, 'armos@bourse.local', '/armos');
    await page.goto(`${stack().appUrl}/armos/tableau-de-bord`);
    await page.getByRole('figure', { name: 'Ménages ayant déménagé, par mois' }).waitFor();

    // Assess
    for (const title of [
      'Échanges par état',
      'Jours entre la demande et la décision, par bailleur',
      'Examens en retard, par bailleur',
      'Annonces en attente de vérification, par bailleur',
      'Ménages ayant déménagé, par mois',
    ]) {
      const figure = page.getByRole('figure', { name: title });
      expect(await figure.locator('canvas').count()).toBe(1);
      expect(await figure.getByRole('table').count()).toBe(1);
    }
    const semac = page
      .getByRole('figure', { name: 'Annonces en attente de vérification, par bailleur' })
      .getByRole('row', { name: /SEMAC/ });
    expect(Number(await semac.locator('td').textContent())).toBeGreaterThanOrEqual(1);
    await expectAccessible(page);
    await screenshot(page, 'armos-tableau-de-bord');
    await page.close();
  });

  it('filters the audit screen by action', async () => {
    // Prepare: Armos verifies a listing, so there is at least one "Annonce vérifiée" today.
    const armos = await signIn('armos@bourse.local');
    const tenant = await signIn(uniqueEmail());
    const created = (await (
      await api('/listings', { method: 'POST', token: tenant.token, json: listingInput() })
    ).json()) as { id: string };
    await api(`/listings/${created.id}/verification`, {
      method: 'POST',
      token: armos.token,
      json: { verified: true },
    });

    // Act
    const page = await signedInPage(browser, 'armos@bourse.local', '/armos');
    await page.goto(`${stack().appUrl}/armos/journal`);
    await page.getByRole('table', { name: /Journal d’audit/ }).waitFor();
    await page.getByLabel('Action', { exact: true }).selectOption('listing-verified');
    await page.getByRole('button', { name: 'Filtrer' }).click();

    // Assess
    await expect
      .poll(() => page.getByRole('cell', { name: `listing:${created.id}` }).count())
      .toBe(1);
    const actions = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(new Set(actions)).toEqual(new Set(['Annonce vérifiée']));
    await expectAccessible(page);
    await screenshot(page, 'armos-journal');
    await page.close();
  });
});

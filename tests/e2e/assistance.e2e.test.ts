/** A tenant whose listing a reception agent manages takes it back from "Mon annonce". */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { assistedTenant } from '../support/agents';
import { launchBrowser } from '../support/browser';
import { signIn } from '../support/sign-in';
import { api } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('ending the assistance', () => {
  it('the tenant ends it after confirming, and the agent no longer sees the listing', async () => {
    const { tenant, listingId } = await assistedTenant('SIDR');
    const agent = await signIn('accueil@bourse.local');
    const page = await signedInPage(browser, tenant.user.email, '/mon-annonce');
    const end = page.getByRole('button', { name: 'Mettre fin à l’accompagnement' });
    await expect.poll(() => end.isVisible()).toBe(true);
    await expectAccessible(page);

    await end.click();
    const dialog = page.getByRole('dialog', { name: 'Mettre fin à l’accompagnement ?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await screenshot(page, 'mon-annonce-fin-accompagnement');
    await dialog.getByRole('button', { name: 'Oui, je gère seul mon annonce' }).click();

    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('l’agent d’accueil n’y a plus accès');
    expect(await end.count()).toBe(0);
    expect((await api(`/listings/${listingId}`, { token: agent.token })).status).toBe(404);
    await expectAccessible(page);
    await page.close();
  });
});

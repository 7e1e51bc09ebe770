/**
 * The nightly plan in the browser: a tenant whose proposal the plan chose reads why it is
 * "recommandée", and Armos reads the plan, by commune. Two Sainte-Suzanne households (quartiers
 * and typologies no other test file offers) want each other's dwelling; the plan runs as the
 * nightly job does, on the stack's table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cachedReferenceData } from '../../functions/lib/db/reference';
import { runOptimiser } from '../../functions/scheduler/optimiser';
import { launchBrowser } from '../support/browser';
import { mailsTo } from '../support/mailbox';
import { publishListing, waitForMatch } from '../support/market';
import { api, stack, stackDatabase } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

function sainteSuzanne(
  offers: { typology: 'T1' | 'T6'; quartier: string; surface: number; rent: number },
  wants: { typology: 'T1' | 'T6'; quartier: string },
) {
  return publishListing({
    dwelling: {
      communeCode: '97420',
      quartierId: `97420-${offers.quartier}`,
      typology: offers.typology,
      surface: offers.surface,
      rent: offers.rent,
      charges: 40,
      lessorId: 'SHLMR',
      floor: 0,
    },
    household: { adults: 1, children: 0 },
    wishes: {
      communes: ['97420'],
      quartiers: [`97420-${wants.quartier}`],
      typologies: [wants.typology],
      maxTotalRent: 950,
      needs: {},
      features: [],
    },
  } as never);
}

/** The sign-in link among the new mails (a tenant with fresh proposals also receives their digest). */
async function tenantPage(email: string): Promise<Page> {
  const before = (await mailsTo(email)).length;
  expect((await api('/auth/login', { method: 'POST', json: { email } })).status).toBe(202);
  const deadline = Date.now() + 15_000;
  let token: string | undefined;
  while (!token) {
    token = (await mailsTo(email))
      .slice(before)
      .map((mail) => /\/connexion\?token=([A-Za-z0-9_-]+)/.exec(mail.body.text ?? '')?.[1])
      .find(Boolean);
    if (!token && Date.now() > deadline) throw new Error(`Pas de lien de connexion pour ${email}`);
    if (!token) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const page = await browser.newPage({ viewport: { width: 360, height: 800 }, locale: 'fr-FR' });
  await page.goto(`${stack().appUrl}/connexion?token=${token}`);
  await page.waitForURL((url) => url.pathname === '/mon-annonce');
  return page;
}

describe('the nightly plan', () => {
  it(
    'tells a tenant why a proposal is recommended, and shows Armos the households it would move, by commune',
    { timeout: 180_000 },
    async () => {
      // Prepare: a T1 of Deux Rives and a T6 of La Renaissance, each wanting the other; the plan runs.
      const small = await sainteSuzanne(
        { typology: 'T1', quartier: 'deux-rives', surface: 30, rent: 250 },
        { typology: 'T6', quartier: 'la-renaissance' },
      );
      const large = await sainteSuzanne(
        { typology: 'T6', quartier: 'la-renaissance', surface: 120, rent: 800 },
        { typology: 'T1', quartier: 'deux-rives' },
      );
      const match = await waitForMatch(small, [small.listingId, large.listingId], 40_000);
      const db = stackDatabase();
      await runOptimiser({ db, reference: cachedReferenceData(db) }, new Date());

      // Act: the tenant's list, then the proposal
      const page = await tenantPage(small.email);
      await page.goto(`${stack().appUrl}/propositions`);

      // Assess: one sentence on the card, the whole reason on the proposal's page
      const card = page.locator('article.match-card', { hasText: 'La Renaissance' });
      await expect
        .poll(async () => (await card.textContent())?.replace(/\s+/g, ' '), { timeout: 15_000 })
        .toContain(
          '★ Recommandée : cet échange fait partie du plan qui permet au plus grand nombre de ménages de déménager.',
        );
      await page.goto(`${stack().appUrl}/propositions/${match.id}`);
      const why = page.getByRole('region', { name: '★ Pourquoi « recommandée » ?' });
      await expect
        .poll(async () => (await why.textContent())?.replace(/\s+/g, ' '), { timeout: 15_000 })
        .toContain('Chaque nuit, nous regardons tous les échanges possibles');
      await expectAccessible(page);
      await screenshot(page, 'proposition-recommandee');
      await page.close();

      // Act: Armos opens the plan from its area
      const armos = await signedInPage(browser, 'armos@bourse.local', '/armos');
      await armos.getByRole('link', { name: /Plan des échanges recommandés/ }).click();
      await armos.waitForURL('**/armos/plan');

      // Assess: figures and the table by commune, Sainte-Suzanne among them
      const table = armos.getByRole('table');
      await expect.poll(() => table.count(), { timeout: 15_000 }).toBe(1);
      const row = table.getByRole('row', { name: /Sainte-Suzanne/ });
      expect(await row.count()).toBe(1);
      const households = Number(
        (await row.locator('td').first().textContent())?.replace(/\s/g, ''),
      );
      expect(households).toBeGreaterThanOrEqual(2);
      expect(await armos.locator('dl.cards').textContent()).toMatch(/Ménages qui déménageraient/);
      expect(await armos.locator('body').textContent()).toMatch(/Au plus possible/);
      await expectAccessible(armos);
      await screenshot(armos, 'armos-plan');
      await armos.close();
    },
  );
});

/**
 * The rent after the swap in the browser: the lessor states it in its verification queue (the
 * fields are prefilled with today's rent), and the tenant's proposal card shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { publishListing, waitForMatch } from '../support/market';
import { stack } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Sainte-Marie's centre-ville, which no other test file offers or wants. */
function centreVille(
  typology: 'T2' | 'T4',
  surface: number,
  rent: number,
  wants: 'T2' | 'T4',
  tenancyRef: string,
) {
  return publishListing({
    dwelling: {
      communeCode: '97418',
      quartierId: '97418-centre-ville',
      typology,
      surface,
      rent,
      charges: 50,
      lessorId: 'SEMAC',
      tenancyRef,
    },
    household: { adults: 1, children: 1 },
    wishes: {
      communes: ['97418'],
      quartiers: ['97418-centre-ville'],
      typologies: [wants],
      maxTotalRent: 800,
      needs: {},
      features: [],
    },
  } as never);
}

/** Amounts are written with no-break spaces: compared with plain ones. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ');

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

describe('rent after the swap', () => {
  it(
    'is stated by the lessor in its queue and shown on the tenant’s proposal',
    { timeout: 120_000 },
    async () => {
      // Prepare: a 2-way in Sainte-Marie; B's T4 costs 650 € + 50 € today.
      const suffix = Date.now().toString(36);
      const a = await centreVille('T2', 46, 400, 'T4', `BAIL-A-${suffix}`);
      const b = await centreVille('T4', 82, 650, 'T2', `BAIL-B-${suffix}`);
      await waitForMatch(a, [a.listingId, b.listingId], 40_000);

      // Act: the SEMAC agent verifies B with a re-letting rent of 690 €.
      const lessorPage = await signedInPage(browser, 'agent.semac@bourse.local', '/bailleur');
      const item = lessorPage.getByRole('article', { name: new RegExp(`Bail BAIL-B-${suffix}`) });
      await findInQueue(lessorPage, item);
      const rent = item.getByLabel('Loyer mensuel, hors charges (€)');
      expect(await rent.inputValue()).toBe('650');
      expect(await item.getByLabel('Charges mensuelles (€)').inputValue()).toBe('50');
      await expectAccessible(lessorPage);
      await screenshot(lessorPage, 'bailleur-loyer-apres-echange');
      await rent.fill('690');
      await item.getByRole('button', { name: /^Vérifiée/ }).click();
      await expect
        .poll(() => lessorPage.getByRole('status').filter({ hasText: 'vérifiée' }).count())
        .toBe(1);
      const [download] = await Promise.all([
        lessorPage.waitForEvent('download'),
        lessorPage.getByRole('link', { name: /Vos vérifications d’annonces/ }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^echange-kaz-semac-verifications-.*\.csv$/);
      await lessorPage.close();

      // Assess: A's proposal shows 740 € after the swap, and says today's differs.
      const page = await signedInPage(browser, a.email, '/mon-annonce');
      await page.goto(`${stack().appUrl}/propositions`);
      const card = page.locator('article.match-card');
      await expect
        .poll(
          async () => {
            await page.reload();
            await card.first().waitFor();
            return plain(await card.first().textContent());
          },
          { timeout: 30_000 },
        )
        .toContain('740 € par mois');
      const text = plain(await card.first().textContent());
      expect(text).toContain('Loyer après échange');
      expect(text).toContain('le locataire actuel paie 650 € + 50 €');
      await expectAccessible(page);
      await screenshot(page, 'propositions-loyer-apres-echange');
      await page.close();
    },
  );
});

/**
 * "Ce qui élargirait vos propositions" in the browser, as a tenant with no proposal meets it: the
 * page says which change would bring a swap, the tenant confirms it, and the proposal appears.
 * Sainte-Marie dwellings of 200 m² and more, wished only by these listings, keep other test
 * files' listings out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ListingInput } from '../../shared/schemas/listing';
import { launchBrowser } from '../support/browser';
import { publishListing, type PublishedTenant } from '../support/market';
import { api, stack } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

type Typology = ListingInput['dwelling']['typology'];

function largeSainteMarie(offers: Typology, surface: number, wants: Typology) {
  return publishListing({
    dwelling: {
      communeCode: '97418',
      quartierId: '97418-beausejour',
      typology: offers,
      surface,
      rent: 1200,
      charges: 80,
      lessorId: 'SEMADER',
      floor: 0,
    },
    household: { adults: 2, children: 3 },
    wishes: {
      communes: ['97418'],
      quartiers: [],
      typologies: [wants],
      minSurface: 200,
      maxTotalRent: 2500,
      needs: {},
      features: [],
    },
  } as never);
}

/** The API answers from its copy of the market, which follows publications within seconds. */
async function waitForWidening(tenant: PublishedTenant): Promise<void> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const summary = (await (await api('/matches/summary', { token: tenant.token })).json()) as {
      widen: unknown[];
    };
    if (summary.widen.length > 0) return;
    if (Date.now() > deadline) throw new Error('Aucune suggestion pour élargir les souhaits');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Ce qui élargirait vos propositions', () => {
  it(
    'shows a tenant without proposals the change that brings one, applies it after confirmation and shows the proposal',
    { timeout: 120_000 },
    async () => {
      // Prepare: I offer a T5 and want a T6 only; the other offers a T5 and wants mine.
      const me = await largeSainteMarie('T5', 210, 'T6');
      await largeSainteMarie('T5', 220, 'T5');
      await waitForWidening(me);
      const page = await signedInPage(browser, me.email, '/mon-annonce');

      // Act: the page a tenant opens when nothing comes
      await page.goto(`${stack().appUrl}/propositions`);
      const hints = page.getByRole('region', { name: 'Ce qui élargirait vos propositions' });
      await hints.waitFor();

      // Assess: the empty state and the hint, in words, with its button
      await expect
        .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
        .toBe('Pas encore de proposition');
      expect(await hints.textContent()).toContain(
        'En acceptant aussi un T5, vous auriez 1 échange possible de plus, direct.',
      );
      await expectAccessible(page);
      await screenshot(page, 'propositions-elargir');

      // Act: the tenant asks, reads the confirmation, confirms
      await hints.getByRole('button', { name: 'Accepter aussi un T5' }).click();
      const dialog = page.getByRole('dialog', { name: 'Modifier vos souhaits ?' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('Votre annonce reste publiée');
      await expectAccessible(page);
      await dialog.getByRole('button', { name: 'Oui, modifier mes souhaits' }).click();

      // Assess: the proposal arrives on the same page, and the wishes now include a T5
      await page
        .getByText('Vos souhaits sont modifiés : voici vos propositions, nouvelles comprises.')
        .waitFor({ timeout: 40_000 });
      expect(await page.locator('article.match-card').count()).toBe(1);
      const listing = (await (
        await api(`/listings/${me.listingId}`, { token: me.token })
      ).json()) as { wishes: { typologies: string[] } };
      expect(listing.wishes.typologies).toEqual(['T6', 'T5']);
      await expectAccessible(page);
      await screenshot(page, 'propositions-elargir-appliquee');
      await page.close();
    },
  );
});

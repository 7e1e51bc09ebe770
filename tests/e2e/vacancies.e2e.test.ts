/**
 * A lessor agent offers a vacant dwelling from its page, sees the chains it opens, and withdraws
 * it after a confirmation; a tenant in the chain sees it drawn on its proposal card, the vacancy
 * first. Sainte-Marie quartiers no other browser test wishes for keep other files' listings out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { publishListing } from '../support/market';
import { stack } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const wants = (typology: string, quartier: string) => ({
  communes: ['97418'],
  quartiers: [quartier],
  typologies: [typology],
  maxTotalRent: 900,
});

const home = (typology: string, quartierId: string, surface: number) => ({
  communeCode: '97418',
  quartierId,
  typology,
  surface,
  rent: 400,
  charges: 40,
  lessorId: 'SHLMR',
});

/** Reloads the page until `text` shows: the matcher stores chains from the stream, seconds later. */
async function reloadUntil(page: Page, text: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForFunction(() => !document.body.innerText.includes('Chargement…'));
        return (await page.locator('main').innerText()).includes(text);
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
}

describe('vacancies in the browser', () => {
  it('offers a vacancy in a few fields, shows its chains to the lessor and to a tenant, withdraws it after confirming', async () => {
    // Prepare: a crowded family in a T3 and a couple with a child in a T2, through the API
    const family = await publishListing({
      dwelling: home('T3', '97418-la-ressource', 50),
      household: { adults: 2, children: 4 },
      wishes: wants('T5', '97418-grande-montee'),
    } as never);
    const couple = await publishListing({
      dwelling: home('T2', '97418-centre-ville', 40),
      household: { adults: 2, children: 1 },
      wishes: wants('T3', '97418-la-ressource'),
    } as never);
    const dwellingRef = `VAC-E2E-${Date.now().toString(36)}`;

    // Act: the SIDR agent offers a T5 at Grande Montée to over-occupied households
    const page = await signedInPage(browser, 'agent.sidr@bourse.local', '/bailleur');
    await page.getByRole('link', { name: /Logements vacants proposés/ }).click();
    await page.waitForURL((url) => url.pathname === '/bailleur/logements-vacants');
    await page.getByLabel('Numéro du logement', { exact: true }).fill(dwellingRef);
    await page.getByLabel('Commune', { exact: true }).selectOption({ label: 'Sainte-Marie' });
    await page.getByLabel('Quartier', { exact: true }).selectOption('97418-grande-montee');
    await page.getByLabel('Typologie', { exact: true }).selectOption('T5');
    await page.getByLabel('Surface (m²)', { exact: true }).fill('100');
    await page.getByLabel('Loyer (€ par mois)', { exact: true }).fill('600');
    await page.getByLabel('Charges (€ par mois)', { exact: true }).fill('80');
    await page.getByRole('checkbox', { name: /^Réserver à un foyer en sur-occupation/ }).check();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Proposer ce logement' }).click();
    const item = page.getByRole('listitem').filter({ hasText: `Logement ${dwellingRef}` });
    await item.waitFor();
    await reloadUntil(page, 'chaînes proposées');
    await item.getByText('Voir les chaînes').click();

    // Assess: the lessor sees the chains and how many households would move
    expect(await item.innerText()).toContain('2 foyers déménageraient');
    expect(await item.innerText()).toContain('le foyer du T3 à La Ressource');
    await expectAccessible(page);
    await screenshot(page, 'bailleur-logements-vacants');

    // Act: the couple opens its proposals
    const tenantPage = await signedInPage(browser, couple.email, '/mon-annonce');
    await tenantPage.goto(`${stack().appUrl}/propositions`);
    const card = tenantPage.locator('article.match-card').filter({ hasText: 'Logement vacant' });
    await card.first().waitFor();

    // Assess: the vacancy first, then the family's home the couple would enter, then the release
    const steps = await card.first().locator('.vchain__step').allInnerTexts();
    expect(steps[0]).toContain('Logement vacant : T5 à Grande Montée');
    expect(steps[0]).toContain('Participant 1');
    expect(steps[1]).toContain('Logement du participant 1 : T3 à La Ressource');
    expect(steps[1]).toContain('Vous');
    expect(steps[2]).toContain('Logement actuel (le vôtre)');
    expect(steps[2]).toContain('revient à son bailleur');
    await expectAccessible(tenantPage);
    await screenshot(tenantPage, 'proposition-chaine');

    // Act: the agent withdraws the vacancy, confirming in the dialog
    await item.getByRole('button', { name: /^Retirer/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Retirer ce logement vacant ?' });
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Oui, le retirer' }).click();

    // Assess
    await expect.poll(() => item.innerText()).toContain('retiré');
    expect(await item.getByRole('button', { name: /^Retirer/ }).count()).toBe(0);
    expect(family.listingId).not.toBe(couple.listingId);
    await tenantPage.close();
    await page.close();
  });
});

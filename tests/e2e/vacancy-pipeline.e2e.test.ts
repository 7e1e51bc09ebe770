/**
 * Armos's pipeline of chains in the browser: from its space, the vacancies still offered by every
 * lessor, each with its chains, where each stands and who would move; a withdrawn vacancy leaves
 * the list. La Montagne and Prima (Saint-Denis), which no other test file uses, keep other files'
 * listings out of these chains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { publishListing } from '../support/market';
import { signIn } from '../support/sign-in';
import { api } from '../support/stack';
import { postedVacancy } from '../support/vacancies';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The pipeline of one lessor, read again: the select starts over on each load. */
async function showLessor(page: Page, lessorId: string): Promise<void> {
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForFunction(() => !document.body.innerText.includes('Chargement…'));
  await page.getByLabel('Bailleur', { exact: true }).selectOption(lessorId);
  await page.waitForFunction(() => !document.body.innerText.includes('Chargement…'));
}

/** Until `text` shows in the vacancy's card: chains are stored seconds after the posting. */
async function reloadUntil(page: Page, card: string, text: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await showLessor(page, 'SODEGIS');
        const item = page.getByRole('listitem').filter({ hasText: card });
        return (await item.count()) > 0 && (await item.first().innerText()).includes(text);
      },
      { timeout: 60_000, interval: 500 },
    )
    .toBe(true);
}

describe('Armos’s pipeline of chains', () => {
  it('shows each vacancy still offered with its chains, their state and the households that would move', async () => {
    // Prepare: a crowded family in a T2 at Prima, and a T4 at La Montagne offered by SODEGIS (no other test file's lessor)
    await publishListing({
      dwelling: {
        communeCode: '97411',
        quartierId: '97411-prima',
        typology: 'T2',
        surface: 38,
        rent: 380,
        charges: 40,
        lessorId: 'SHLMR',
      },
      household: { adults: 2, children: 4 },
      wishes: {
        communes: ['97411'],
        quartiers: ['97411-la-montagne'],
        typologies: ['T4'],
        maxTotalRent: 900,
      },
    } as never);
    const dwellingRef = `VAC-PIPE-${Date.now().toString(36)}`;
    const vacancyId = await postedVacancy('SODEGIS', {
      dwellingRef,
      communeCode: '97411',
      quartierId: '97411-la-montagne',
      typology: 'T4',
      surface: 85,
      rent: 560,
      charges: 70,
    });

    // Act: Armos opens the pipeline from its space
    const page = await signedInPage(browser, 'armos@bourse.local', '/armos');
    await page.getByRole('link', { name: /Chaînes de mutation en cours/ }).click();
    await page.waitForURL((url) => url.pathname === '/armos/chaines');
    await reloadUntil(page, `logement ${dwellingRef}`, 'du T2 à Prima');
    const item = page
      .getByRole('listitem')
      .filter({ hasText: `logement ${dwellingRef}` })
      .first();

    // Assess: the vacancy, its chain, its state, the household that would move
    const text = await item.innerText();
    expect(text).toContain('T4 de 85 m² à La Montagne (Saint-Denis)');
    expect(text).toContain('SODEGIS');
    // Other test files' Saint-Denis tenants may enter the T4 too, or follow the family into its T2:
    // only this file's household is asserted, in whichever chain keeps it.
    expect(text).toMatch(/\d+ chaînes?\b/);
    expect(text).toMatch(/proposée aux foyers [^\n]*(le foyer|celui) du T2 à Prima/);
    expect(text).toMatch(/le T\d libéré revient à son bailleur/);
    await expectAccessible(page);
    await screenshot(page, 'armos-chaines');

    // Act: the vacancy is withdrawn
    const armos = await signIn('armos@bourse.local');
    const withdrawn = await api(`/lessor/vacancies/${vacancyId}/withdraw`, {
      method: 'POST',
      token: armos.token,
    });
    await showLessor(page, 'SODEGIS');

    // Assess: it left the pipeline, which says so when nothing is left
    expect(withdrawn.status).toBe(200);
    expect(await page.getByText(`logement ${dwellingRef}`).count()).toBe(0);
    expect(await page.locator('main').innerText()).toContain(
      'Aucun logement vacant n’est proposé à la mutation en ce moment par ce bailleur',
    );
    await expectAccessible(page);
  });
});

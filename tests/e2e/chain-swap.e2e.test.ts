/**
 * A chain of mutation requested in the browser: the last mover asks for the swap from the chain's
 * proposal and reads the chain on the swap's page (the vacancy first, each move, the dwelling
 * released); the vacancy's lessor finds the household moving into its vacant dwelling to review.
 * The chain is built through the API in Saint-Denis quartiers no other test offers or wants.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { chainMover, postVacancy, waitForChain } from '../support/chain-swaps';
import { stack, api } from '../support/stack';
import { makeMutual, staffAccount } from '../support/swaps';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('chain swap in the browser', () => {
  it('requests a chain from its proposal, draws it on the swap’s page and gives the vacancy’s lessor its review', async () => {
    // Prepare: SEDRE's vacant T4 at Montgaillard; a family of SODIAC in a T3 at Prima wants it, a couple of SEDRE in a T2 wants the T3
    const [armos, sedre] = await Promise.all([
      staffAccount('armos'),
      staffAccount('lessor', 'SEDRE'),
    ]);
    await postVacancy(sedre, 'SEDRE', { quartier: 'montgaillard', typology: 'T4', surface: 82 });
    const family = await chainMover(
      armos,
      { quartier: 'prima', typology: 'T3', surface: 58, lessorId: 'SODIAC' },
      { quartier: 'montgaillard', typology: 'T4' },
      { adults: 2, children: 3 },
    );
    const couple = await chainMover(
      armos,
      { quartier: 'saint-bernard', typology: 'T2', surface: 44, lessorId: 'SEDRE' },
      { quartier: 'prima', typology: 'T3' },
      { adults: 2, children: 1 },
    );
    const chain = await waitForChain(couple, [family.listingId, couple.listingId]);
    await makeMutual(chain, [family, couple]);

    // Act: the couple requests the swap from the chain's proposal
    const page = await signedInPage(browser, couple.email, '/mon-annonce');
    await page.goto(`${stack().appUrl}/propositions/${chain.id}`);
    await page.getByRole('button', { name: 'Demander l’échange' }).click();
    await page
      .getByRole('dialog', { name: 'Demander l’échange ?' })
      .getByRole('button', { name: 'Oui, demander l’échange' })
      .click();
    await page.waitForURL(/\/echanges\/[^/]+$/);
    const swapId = new URL(page.url()).pathname.split('/').at(-1)!;
    const steps = page.getByRole('region', { name: 'La chaîne de mutation' }).getByRole('listitem');
    await steps.first().waitFor();

    // Assess: the vacancy first, each move, the dwelling released
    expect(await steps.allInnerTexts()).toEqual([
      'Logement vacant : T4 Montgaillard, 82 m² (SEDRE), proposé à la mutation par son bailleur.',
      'Participant 1 quitte le T3 Prima pour le logement vacant.',
      'Vous quittez le T2 Saint-Bernard pour le logement du participant 1.',
      'Logement libéré : le T2 Saint-Bernard revient à son bailleur, libre à la date d’effet de l’échange.',
    ]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(
      'Chaîne de mutation',
    );
    await expectAccessible(page);
    await screenshot(page, 'echange-chaine');

    // Act: the family confirms; the vacancy's lessor opens the swap
    const confirmed = await api(`/swaps/${swapId}/confirm`, {
      method: 'POST',
      token: family.token,
    });
    const agent = await signedInPage(browser, sedre.email, '/bailleur');
    await agent.goto(`${stack().appUrl}/bailleur/echanges/${swapId}`);
    const panel = agent.getByRole('region', {
      name: 'Dossier à examiner : Foyer 1 emménage dans le logement vacant T4 Montgaillard',
    });
    await panel.waitFor();

    // Assess: SEDRE reviews the household entering its vacancy; the couple's T2 it gets back needs no review
    expect(confirmed.status).toBe(200);
    expect(await panel.innerText()).toContain('5 occupants');
    expect(await agent.getByRole('region', { name: /^Dossier à examiner/ }).count()).toBe(1);
    await expectAccessible(agent);
    await screenshot(agent, 'bailleur-echange-chaine');
    await Promise.all([page.close(), agent.close()]);
  });
});

/**
 * A reception agent follows an assisted tenant's proposals in the browser: from the day's list to
 * the proposal, a yes given with the tenant's consent, and a swap confirmed the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { createMatchFixture } from '../support/match-fixture';
import { signIn } from '../support/sign-in';
import { api } from '../support/stack';
import { mutualMatch } from '../support/swap-fixture';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

const AGENT = 'accueil@bourse.local';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('a reception agent following an assisted tenant’s proposals', () => {
  it('opens the proposal from “À traiter aujourd’hui”, says yes with the tenant’s consent and sees it recorded', async () => {
    // Prepare
    const { matchId, participant } = await createMatchFixture({ assisted: true });
    const page = await signedInPage(browser, AGENT, '/accueil');
    const queue = page.getByRole('region', { name: 'À traiter aujourd’hui' });
    const toAnswer = queue.locator(`a[href="/accueil/propositions/${matchId}"]`);
    await expect.poll(() => toAnswer.isVisible(), { timeout: 15_000 }).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'accueil-a-traiter');

    // Act
    await toAnswer.click();
    await page.waitForURL((url) => url.pathname === `/accueil/propositions/${matchId}`);
    const yes = page.getByRole('button', { name: 'Oui, le locataire est intéressé' });
    await expect.poll(() => yes.isVisible(), { timeout: 15_000 }).toBe(true);
    await expectAccessible(page);
    await yes.click();
    const dialog = page.getByRole('dialog', { name: 'Répondre oui pour le locataire ?' });
    await expect.poll(() => dialog.isVisible(), { timeout: 5_000 }).toBe(true);
    await dialog.getByRole('button', { name: 'Enregistrer le oui' }).click();
    const missing = await dialog
      .getByText('a donné son accord.', { exact: false })
      .first()
      .textContent();
    await dialog.getByLabel('en personne, au point d’accueil').check();
    await dialog.getByLabel(/^Note/).fill('Accord donné au guichet ce matin.');
    await expectAccessible(page);
    await screenshot(page, 'accueil-proposition-accord');
    await dialog.getByRole('button', { name: 'Enregistrer le oui' }).click();

    // Assess
    expect(missing).toContain('Indiquez comment');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'est enregistré' }).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    const history = page.getByRole('region', { name: 'Accords du locataire' });
    await expect
      .poll(() => history.textContent(), { timeout: 15_000 })
      .toContain('Oui à la proposition');
    expect(await history.textContent()).toContain(
      'Accord donné en personne, au point d’accueil : « Accord donné au guichet ce matin. »',
    );
    expect(await page.getByText('Réponse du locataire : oui').count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'accueil-proposition-oui');
    const stored = (await (
      await api(`/matches/${matchId}`, { token: participant.token })
    ).json()) as { consents: Array<{ step: string; channel: string }> };
    expect(stored.consents.map((c) => [c.step, c.channel])).toEqual([['match-yes', 'guichet']]);
    await page.close();
  });

  it('confirms a swap for the tenant only once the consent is given, and the swap page shows it', async () => {
    // Prepare: the other tenant requested the swap; the assisted tenant's confirmation is awaited.
    const { matchId, partner } = await mutualMatch('SEMADER', { assisted: true });
    const requested = await api('/swaps', {
      method: 'POST',
      token: partner.token,
      json: { matchId },
    });
    expect(requested.status, await requested.clone().text()).toBe(201);
    const { id: swapId } = (await requested.json()) as { id: string };
    const agent = await signIn(AGENT);
    const page = await signedInPage(browser, AGENT, `/echanges/${swapId}`);

    // Act
    const confirm = page.getByRole('button', { name: 'Confirmer l’échange pour le locataire' });
    await expect.poll(() => confirm.isVisible(), { timeout: 15_000 }).toBe(true);
    await expectAccessible(page);
    await confirm.click();
    const dialog = page.getByRole('dialog', { name: 'Confirmer l’échange pour le locataire ?' });
    await dialog.getByLabel('par téléphone').check();
    await dialog.getByRole('button', { name: 'Confirmer l’échange' }).click();

    // Assess
    const history = page.getByRole('region', { name: 'Accords du locataire' });
    await expect
      .poll(() => history.textContent(), { timeout: 15_000 })
      .toContain('Confirmation de l’échange');
    expect(await history.textContent()).toContain('Accord donné par téléphone');
    const swap = (await (await api(`/swaps/${swapId}`, { token: agent.token })).json()) as {
      status: string;
    };
    expect(swap.status).toBe('under_review');
    await expectAccessible(page);
    await screenshot(page, 'accueil-echange-confirme');
    await page.close();
  });
});

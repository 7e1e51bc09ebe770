/**
 * After the mutual yes: a visit that does not suit declines the proposal after a confirmation;
 * "Signaler" sends a participant or a message to Armos, who suspends the listing from its page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { signIn } from '../support/sign-in';
import { mutualMatch } from '../support/swap-fixture';
import { api, stack } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const statusOf = async (matchId: string, token: string) =>
  ((await (await api(`/matches/${matchId}`, { token })).json()) as { status: string }).status;

describe('visit and report', () => {
  it('declines the proposal after a visit that does not suit, once confirmed', async () => {
    // Prepare
    const { matchId, requester } = await mutualMatch('SIDR');
    const page = await signedInPage(browser, requester.email, '/mon-annonce');
    await page.goto(`${stack().appUrl}/propositions/${matchId}`);
    await page.getByRole('button', { name: 'Visite faite : il ne me convient pas' }).click();
    const dialog = page.getByRole('dialog', { name: 'Le logement ne vous convient pas ?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'visite-ne-convient-pas');

    // Act: cancel first, nothing changes; then confirm
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect(await statusOf(matchId, requester.token)).toBe('mutual');
    await page.getByRole('button', { name: 'Visite faite : il ne me convient pas' }).click();
    await dialog.getByRole('button', { name: 'Oui, décliner la proposition' }).click();

    // Assess
    await expect
      .poll(() => page.locator('.detail__note').textContent())
      .toContain('la visite n’a pas donné suite');
    expect(await statusOf(matchId, requester.token)).toBe('declined');
    await page.close();
  });

  it('reports a participant and a message to Armos, who suspends the listing from the reports page', async () => {
    // Prepare
    const { matchId, requester, partner } = await mutualMatch('SIDR');
    await api(`/matches/${matchId}/messages`, {
      method: 'POST',
      token: partner.token,
      json: { text: 'Venez seul, sans témoin.' },
    });
    const reason = `Propos inquiétants ${Date.now()}`;
    const page = await signedInPage(browser, requester.email, '/mon-annonce');
    await page.goto(`${stack().appUrl}/propositions/${matchId}`);

    // Act: report the person
    await page.getByRole('button', { name: /^Signaler Participant \d$/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Signaler Participant \d à Armos$/ });
    await dialog.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain('Dites en quelques mots');
    await expectAccessible(page);
    await screenshot(page, 'signaler');
    await dialog.getByLabel('Que s’est-il passé ?').fill(reason);
    await dialog.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect
      .poll(() => page.getByText('Merci : Armos a reçu votre signalement.').count())
      .toBe(1);

    // Act: report the message
    await page.getByRole('button', { name: /^Signaler le message de Participant \d$/ }).click();
    const messageDialog = page.getByRole('dialog', { name: /^Signaler le message/ });
    await messageDialog.getByLabel('Que s’est-il passé ?').fill(`${reason} (message)`);
    await messageDialog.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await expect
      .poll(() => page.getByText('Merci : Armos a reçu votre signalement.').count())
      .toBe(2);
    await page.close();

    // Act: Armos suspends
    const armosPage = await signedInPage(browser, 'armos@bourse.local', '/armos');
    await armosPage.getByRole('link', { name: /^Signalements des participants/ }).click();
    const card = armosPage.locator('article', { hasText: `${reason} (message)` });
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.textContent()).toContain('Venez seul, sans témoin.');
    await expectAccessible(armosPage);
    await screenshot(armosPage, 'armos-signalements');
    await card.getByRole('button', { name: 'Suspendre l’annonce signalée' }).click();
    const suspend = armosPage
      .getByRole('dialog', { name: 'Suspendre l’annonce signalée ?' })
      .last();
    await suspend
      .getByLabel('Motif, envoyé au locataire')
      .fill('Propos inquiétants envers un autre locataire.');
    await suspend.getByRole('button', { name: 'Suspendre l’annonce' }).click();

    // Assess
    await expect
      .poll(() => card.getByRole('button', { name: 'Lever la suspension' }).isVisible())
      .toBe(true);
    const armos = await signIn('armos@bourse.local');
    expect(
      (
        (await (await api(`/listings/${partner.listingId}`, { token: armos.token })).json()) as {
          status: string;
        }
      ).status,
    ).toBe('suspended');
    await armosPage.close();
  });
});

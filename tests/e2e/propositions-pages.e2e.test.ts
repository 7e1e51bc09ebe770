/**
 * "Mes propositions" a page at a time, in the browser: a tenant with 45 proposals or more sees
 * the best 20, asks for the next ones until none is left, the focus moving to the first new one,
 * and the filters ask the API for their own lists with the summary's counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getMatch } from '../../functions/lib/db/matches';
import { launchBrowser } from '../support/browser';
import { createMatchFixture } from '../support/match-fixture';
import { moreProposals } from '../support/more-proposals';
import { api, stackDatabase } from '../support/stack';
import { expectAccessible, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const cards = (page: Page) => page.locator('article.match-card');
const nextButton = (page: Page) =>
  page.getByRole('button', { name: /^Afficher les propositions suivantes/ });

describe('propositions, page after page', () => {
  it(
    'shows the best 20, then the next ones on request, and filters through the API',
    { timeout: 120_000 },
    async () => {
      // Prepare: the fixture's proposal and 44 more, one answered yes by its other participant.
      const fixture = await createMatchFixture();
      const match = await getMatch(stackDatabase(), fixture.matchId);
      await moreProposals(match, 44);
      expect(
        (
          await api(`/matches/${fixture.matchId}/interest`, {
            method: 'POST',
            token: fixture.partner.token,
            json: { interested: true },
          })
        ).status,
      ).toBe(200);
      // Other files' tenants in the same quartiers may add proposals: the API says how many.
      const total = (
        (await (await api('/matches', { token: fixture.participant.token })).json()) as unknown[]
      ).length;
      expect(total).toBeGreaterThanOrEqual(45);
      const page = await signedInPage(browser, fixture.participant.email, '/mon-annonce');

      // Act
      await page.goto(`${page.url().replace(/\/mon-annonce$/, '')}/propositions`);

      // Assess: the first page, its count against the whole list, and the way to the rest
      await expect.poll(() => cards(page).count()).toBe(20);
      expect(await page.locator('.filters__result').textContent()).toContain(
        `20 propositions affichées sur ${total}`,
      );
      expect(await nextButton(page).textContent()).toContain(`(${total - 20} de plus)`);
      expect(await page.getByRole('button', { name: /^Toutes/ }).textContent()).toContain(
        `(${total})`,
      );
      expect(
        await page.getByRole('button', { name: /^En attente de ma réponse/ }).textContent(),
      ).toContain(`(${total})`);
      await expectAccessible(page);

      // Act: the next page
      await nextButton(page).click();

      // Assess: 40 shown, the focus on the 21st, the button says what is left
      await expect.poll(() => cards(page).count()).toBe(40);
      const focused = await page.evaluate(() => document.activeElement?.id ?? '');
      const ids = await page
        .locator('.match-list > li')
        .evaluateAll((items) => items.map((item) => item.id));
      expect(focused).toBe(ids[20]);
      expect(await nextButton(page).textContent()).toContain(`(${total - 40} de plus)`);

      // Act: the rest
      while ((await nextButton(page).count()) > 0) {
        const before = await cards(page).count();
        await nextButton(page).click();
        await expect.poll(() => cards(page).count()).toBeGreaterThan(before);
      }

      // Assess: every proposal, none twice
      expect(await cards(page).count()).toBe(total);
      const all = await page
        .locator('.match-list > li')
        .evaluateAll((items) => items.map((item) => item.id));
      expect(new Set(all).size).toBe(total);

      // Act: the filter of agreed proposals, which the API answers alone
      await page.getByRole('button', { name: /^Tout le monde a dit oui/ }).click();

      // Assess
      await expect
        .poll(() => page.locator('.filters__result').textContent())
        .toBe('Aucune proposition');
      expect(await cards(page).count()).toBe(0);
      expect(await nextButton(page).count()).toBe(0);
      await expectAccessible(page);

      // Act: back to every proposal
      await page.getByRole('button', { name: /^Toutes/ }).click();

      // Assess: the first page again
      await expect.poll(() => cards(page).count()).toBe(20);
      await page.close();
    },
  );
});

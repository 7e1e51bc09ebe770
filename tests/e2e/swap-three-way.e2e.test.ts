/**
 * A complete 3-way swap across two lessors, in the browser: tenant 1 requests it from the
 * proposal, tenants 2 and 3 confirm on the swap's page, SODEGIS's agent decides two reviews and
 * SEMAC's agent one, then records the effective date; the timeline says "Échange réalisé" and the
 * listings are `exchanged`. Listings and the mutual match are built through the API, in Sainte-Marie
 * quartier/typology pairs no other test file offers or wants (T3 Centre-ville, T5 Beauséjour,
 * T2 Rivière-des-Pluies), with lessors no other swap test uses.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import type { PublishedTenant } from '../support/market';
import {
  listingStatus,
  makeMutual,
  pollUntil,
  staffAccount,
  verifiedListing,
  waitForMatches,
} from '../support/swaps';
import { stack } from '../support/stack';
import { expectAccessible, screenshot, signedInPage } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const open = (page: Page, path: string) => page.goto(`${stack().appUrl}${path}`);

/** What each page showed and logged, printed when the test fails (a browser test is hard to read otherwise). */
const watched: Page[] = [];
const logs: string[] = [];
function watch(page: Page): Page {
  watched.push(page);
  page.on(
    'console',
    (message) =>
      message.type() === 'error' && logs.push(`${page.url()} console: ${message.text()}`),
  );
  page.on(
    'response',
    (response) =>
      response.status() >= 400 && logs.push(`${page.url()} ${response.status()} ${response.url()}`),
  );
  return page;
}

async function printDiagnosis(): Promise<void> {
  for (const page of watched)
    if (!page.isClosed())
      logs.push(
        `${page.url()}:\n${await page
          .locator('main')
          .innerText()
          .catch(() => '?')}`,
      );
  console.log(logs.join('\n'));
}

const timeline = (page: Page) => page.getByRole('list', { name: 'Étapes de l’échange' });
const nextStep = (page: Page) => page.locator('section.next');
/** The queue's card of one swap, found by the link to its page (the homes' order is the cycle's). */
const queueItem = (page: Page, href: string) =>
  page.getByRole('article').filter({ has: page.locator(`a[href="${href}"]`) });

/** Other test files may fill the same queue: page through it ("Voir plus") until the item shows. */
async function findInQueue(page: Page, item: Locator): Promise<void> {
  const loaded = () =>
    expect.poll(() => page.locator('.tabs__panel').textContent()).not.toContain('Chargement');
  await loaded();
  while (!(await item.isVisible())) {
    const more = page.getByRole('button', { name: 'Voir plus' });
    if (!(await more.isVisible())) throw new Error('Échange absent de la file');
    await more.click();
    await loaded();
  }
}

async function confirmAs(tenant: PublishedTenant, swapId: string): Promise<Page> {
  const page = watch(await signedInPage(browser, tenant.email, '/mon-annonce'));
  await open(page, `/echanges/${swapId}`);
  await page.getByRole('button', { name: 'Confirmer l’échange' }).click();
  await expect
    .poll(() =>
      page.getByRole('status').filter({ hasText: 'Votre confirmation est enregistrée' }).count(),
    )
    .toBe(1);
  return page;
}

/** Approves, one after the other, every review panel the agent is offered on the swap's page. */
async function approveAll(page: Page, caleolDate: string): Promise<number> {
  const panels = page.getByRole('region', { name: /^Dossier à examiner/ });
  const total = await panels.count();
  for (let left = total; left > 0; left -= 1) {
    const panel = panels.first();
    await panel.getByRole('radio', { name: /^Accepter/ }).check();
    await panel.getByLabel(/Date de la commission CALEOL/).fill(caleolDate);
    await panel.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect.poll(() => panels.count()).toBe(left - 1);
  }
  expect(await page.getByRole('status').filter({ hasText: 'dossier accepté' }).count()).toBe(1);
  return total;
}

describe('swap, three households, two lessors', () => {
  it(
    'goes from the request to "Échange réalisé" through three tenants’ and two agents’ browsers',
    { timeout: 120_000 },
    async () => {
      onTestFailed(printDiagnosis);
      // Prepare: t1 (SODEGIS, T3 Centre-ville) → t2's T5 Beauséjour (SEMAC) → t3's T2 Rivière-des-Pluies (SODEGIS) → t1's home.
      const [armos, sodegis, semac] = await Promise.all([
        staffAccount('armos'),
        staffAccount('lessor', 'SODEGIS'),
        staffAccount('lessor', 'SEMAC'),
      ]);
      const [t1, t2, t3] = await Promise.all([
        verifiedListing(
          sodegis,
          { quartier: 'centre-ville', typology: 'T3', lessorId: 'SODEGIS', surface: 64, rent: 470 },
          { quartiers: ['beausejour'], typologies: ['T5'] },
          { adults: 2, children: 1, income: 21_300 },
        ),
        verifiedListing(
          semac,
          { quartier: 'beausejour', typology: 'T5', lessorId: 'SEMAC', surface: 96, rent: 680 },
          { quartiers: ['riviere-des-pluies'], typologies: ['T2'] },
        ),
        verifiedListing(
          sodegis,
          {
            quartier: 'riviere-des-pluies',
            typology: 'T2',
            lessorId: 'SODEGIS',
            surface: 47,
            rent: 360,
          },
          { quartiers: ['centre-ville'], typologies: ['T3'] },
          { adults: 1, children: 1 },
        ),
      ]);
      const tenants = [t1!, t2!, t3!];
      const ids = tenants.map((t) => t.listingId);
      const [match] = await waitForMatches(t1!, ids, 1, 40_000);
      expect(match?.participants).toHaveLength(3);
      await makeMutual(match!, tenants);

      // Act: tenant 1 requests the swap from the proposal and lands on its timeline.
      const first = watch(await signedInPage(browser, t1!.email, '/mon-annonce'));
      await open(first, `/propositions/${match!.id}`);
      await first.getByRole('button', { name: 'Demander l’échange' }).click();
      await first
        .getByRole('dialog', { name: 'Demander l’échange ?' })
        .getByRole('button', { name: 'Oui, demander l’échange' })
        .click();
      await first.waitForURL(/\/echanges\/[^/]+$/);
      const swapId = new URL(first.url()).pathname.split('/').at(-1)!;

      // Assess: what waits on whom.
      await expect
        .poll(() => nextStep(first).textContent())
        .toContain('En attente de la confirmation de 2 participants');
      expect(await timeline(first).textContent()).toMatch(/Vous :\s*confirmé/);
      expect(await timeline(first).textContent()).toMatch(/Participant \d :\s*en attente/);
      expect(await first.getByRole('button', { name: 'Annuler la demande' }).isVisible()).toBe(
        true,
      );
      expect(await first.getByRole('button', { name: 'Confirmer l’échange' }).count()).toBe(0);
      await expectAccessible(first);
      await screenshot(first, 'echange-confirmations');

      // Act: tenants 2 and 3 confirm in their own browsers.
      const second = await confirmAs(t2!, swapId);
      expect(await nextStep(second).textContent()).toContain(
        'En attente de la confirmation de 1 participant.',
      );
      const third = await confirmAs(t3!, swapId);

      // Assess: the lessors' review has started; tenant 3's future lessor is SODEGIS.
      await expect
        .poll(() => nextStep(third).textContent())
        .toMatch(
          /Votre futur bailleur \(SODEGIS\) examine votre dossier : réponse attendue avant le \d+ \S+ \d{4}/,
        );
      expect(await timeline(third).textContent()).toContain(
        'Vous emménagez dans le T3 Centre-ville',
      );
      await expectAccessible(third);
      await screenshot(third, 'echange-examen');
      await Promise.all([second.close(), third.close()]);

      // Act: SODEGIS's agent finds it in the queue and approves both reviews.
      const agentA = watch(await signedInPage(browser, sodegis.email, '/bailleur'));
      await open(agentA, '/bailleur/echanges');
      const item = queueItem(agentA, `/bailleur/echanges/${swapId}`);
      await findInQueue(agentA, item);
      expect(await item.textContent()).toContain('2 attendent votre décision');
      await expectAccessible(agentA);
      await screenshot(agentA, 'bailleur-echanges');
      await item.getByRole('link').click();
      await agentA.waitForURL(`**/bailleur/echanges/${swapId}`);
      const panels = agentA.getByRole('region', { name: /^Dossier à examiner/ });
      await expect.poll(() => panels.count()).toBe(2);
      const t1Panel = agentA.getByRole('region', {
        name: /^Dossier à examiner : Foyer \d emménage dans le T3 Centre-ville du foyer \d$/,
      });
      // The pre-check against this year's seeded ceilings (or "non configurés" in a year the seed lacks).
      expect(await t1Panel.textContent()).toMatch(
        /sous le plafond \d{4} du financement LLS|Plafonds de ressources non configurés pour cette année/,
      );
      expect(await t1Panel.textContent()).toContain('1 adulte, 1 enfant : 2 occupants');
      expect(
        await agentA
          .getByRole('link', { name: /Télécharger le dossier \(PDF\)/ })
          .getAttribute('href'),
      ).toBe(`/api/swaps/${swapId}/file.pdf`);
      await expectAccessible(agentA);
      await screenshot(agentA, 'bailleur-examen');
      expect(await approveAll(agentA, '2026-01-15')).toBe(2);
      expect(await nextStep(agentA).textContent()).toContain(
        'En attente de la décision d’un dossier chez les autres bailleurs',
      );

      // Act: SEMAC's agent tries a refusal for "Autre motif" without a comment, then approves and records the move.
      const agentB = watch(await signedInPage(browser, semac.email, '/bailleur'));
      await open(agentB, `/bailleur/echanges/${swapId}`);
      const panel = agentB.getByRole('region', {
        name: /^Dossier à examiner : Foyer \d emménage dans le T5 Beauséjour/,
      });
      await panel.getByRole('radio', { name: /^Refuser/ }).check();
      await panel.getByLabel('Motif du refus').selectOption('other');
      await panel.getByRole('button', { name: 'Enregistrer la décision' }).click();
      await expect
        .poll(() => panel.getByRole('alert').textContent())
        .toContain('Précisez le motif « autre » en commentaire.');
      expect((await panel.textContent())?.replace(/\s+/g, ' ')).toMatch(
        /Sous-occupation\s*⚠\s*oui\s*: 5 pièces pour 3 occupants/,
      );
      expect(await approveAll(agentB, '2026-01-20')).toBe(1);
      await agentB.getByLabel('Date d’effet de l’échange').fill('2026-02-01');
      await agentB.getByRole('button', { name: 'Enregistrer l’emménagement' }).click();

      // Assess: done everywhere, and the listings are exchanged.
      await expect
        .poll(() => agentB.locator('.status-line').textContent())
        .toContain('Échange réalisé');
      expect(await timeline(agentB).textContent()).toContain(
        'Échange réalisé : emménagement le 1 février 2026',
      );
      await first.reload();
      await expect.poll(() => timeline(first).textContent()).toContain('Échange réalisé');
      expect(await nextStep(first).textContent()).toContain(
        'Échange réalisé : emménagement le 1 février 2026',
      );
      await expectAccessible(first);
      await screenshot(first, 'echange-realise');
      const statuses = await pollUntil(
        () => Promise.all(tenants.map((t) => listingStatus(t.token, t.listingId))),
        (all) => all.every((s) => s === 'exchanged'),
      );
      expect(statuses).toEqual(['exchanged', 'exchanged', 'exchanged']);

      // Armos's pipeline: completed swaps of SEMAC.
      const coordinator = watch(await signedInPage(browser, armos.email, '/armos'));
      await open(coordinator, '/armos/echanges');
      await coordinator.getByLabel('Bailleur', { exact: true }).selectOption('SEMAC');
      await coordinator.getByRole('tab', { name: 'Réalisés' }).click();
      const pipelineItem = queueItem(coordinator, `/armos/echanges/${swapId}`);
      await findInQueue(coordinator, pipelineItem);
      expect(await pipelineItem.getByRole('heading').textContent()).toMatch(
        /^Échange à trois : (T3 Centre-ville|T5 Beauséjour|T2 Rivière des Pluies)(, |$)/,
      );
      await expectAccessible(coordinator);
      await screenshot(coordinator, 'armos-echanges');
      await Promise.all([first.close(), agentA.close(), agentB.close(), coordinator.close()]);
    },
  );
});

/**
 * "Mes propositions" in the browser: a 3-way chain built through the API (Sainte-Marie quartiers
 * no other test file offers), one participant answers in the page, the two others through the
 * API, then the detail page shows the message thread, and contacts once every listing is verified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { mailsTo } from '../support/mailbox';
import { publishListing, waitForMatch, type PublishedTenant } from '../support/market';
import { signIn } from '../support/sign-in';
import { api, stack } from '../support/stack';
import { expectAccessible, screenshot } from './helpers/browser-session';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

type Typology = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6';

/** A Sainte-Marie tenant offering `offers` and wanting exactly one typology in one quartier. */
function sainteMarie(
  offers: { typology: Typology; quartier: string; surface: number; rent: number },
  wants: { typology: Typology; quartier: string },
) {
  return publishListing({
    dwelling: {
      communeCode: '97418',
      quartierId: `97418-${offers.quartier}`,
      typology: offers.typology,
      surface: offers.surface,
      rent: offers.rent,
      charges: 45,
      lessorId: 'SEMADER',
      floor: 1,
      features: ['balcony'],
    },
    household: { adults: 1, children: 1 },
    wishes: {
      communes: ['97418'],
      quartiers: [`97418-${wants.quartier}`],
      typologies: [wants.typology],
      maxTotalRent: 900,
      needs: {},
      features: [],
    },
  } as never);
}

async function introduce(tenant: PublishedTenant, displayName: string, phone: string) {
  expect(
    (await api('/me', { method: 'PATCH', token: tenant.token, json: { displayName, phone } }))
      .status,
  ).toBe(200);
}

const say = (tenant: PublishedTenant, matchId: string, text: string) =>
  api(`/matches/${matchId}/messages`, { method: 'POST', token: tenant.token, json: { text } });

/**
 * The sign-in link's token. Unlike `requestLinkToken`, it looks for the link among the new mails
 * instead of taking the last one: a tenant with fresh proposals also receives their digest.
 */
async function linkToken(email: string): Promise<string> {
  const before = (await mailsTo(email)).length;
  expect((await api('/auth/login', { method: 'POST', json: { email } })).status).toBe(202);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const link = (await mailsTo(email))
      .slice(before)
      .map((mail) => /\/connexion\?token=([A-Za-z0-9_-]+)/.exec(mail.body.text ?? '')?.[1])
      .find(Boolean);
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`Pas de lien de connexion pour ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A phone-sized page signed in through the e-mail link, as a tenant does it. */
async function signedInPage(email: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 }, locale: 'fr-FR' });
  await page.goto(`${stack().appUrl}/connexion?token=${await linkToken(email)}`);
  await page.waitForURL((url) => url.pathname === '/mon-annonce');
  return page;
}

const matchCard = (page: Page) => page.locator('article.match-card');

async function verifiedByLessor(tenant: PublishedTenant) {
  const armos = await signIn('armos@bourse.local');
  expect(
    (
      await api(`/listings/${tenant.listingId}/verification`, {
        method: 'POST',
        token: armos.token,
        json: { verified: true },
      })
    ).status,
  ).toBe(200);
}

describe('propositions', () => {
  it(
    'shows a 3-way chain, records a yes, then opens contacts and messages once everyone agreed',
    { timeout: 120_000 },
    async () => {
      // Prepare: me (T2 Beauséjour) → T4 La Ressource → T3 La Mare → my home
      const me = await sainteMarie(
        { typology: 'T2', quartier: 'beausejour', surface: 48, rent: 380 },
        { typology: 'T4', quartier: 'la-ressource' },
      );
      const second = await sainteMarie(
        { typology: 'T4', quartier: 'la-ressource', surface: 84, rent: 620 },
        { typology: 'T3', quartier: 'la-mare' },
      );
      const third = await sainteMarie(
        { typology: 'T3', quartier: 'la-mare', surface: 66, rent: 500 },
        { typology: 'T2', quartier: 'beausejour' },
      );
      await introduce(second, 'Josiane Payet', '0692 11 22 33');
      await introduce(third, 'Mickaël Hoarau', '0693 44 55 66');
      // The matcher runs from the stream; on a busy 2-core machine it can take more than 15 s.
      const match = await waitForMatch(
        me,
        [me.listingId, second.listingId, third.listingId],
        40_000,
      );
      const page = await signedInPage(me.email);

      // Act: the list
      await page.goto(`${stack().appUrl}/propositions`);
      await expect.poll(() => matchCard(page).count()).toBe(1);

      // Assess: chain drawn with its text alternative, counts, explanation
      const card = matchCard(page);
      expect(await card.locator('figcaption').textContent()).toBe(
        'vous → T4 La Ressource → T3 La Mare → vous',
      );
      expect(await card.getByRole('img').getAttribute('aria-labelledby')).toBeTruthy();
      expect(await card.locator('svg title').textContent()).toMatch(
        /^Échange à trois : vous emménagez dans le T4 La Ressource/,
      );
      expect(await page.locator('.counts__possible').textContent()).toMatch(
        /1 échange à trois possible/,
      );
      expect(await card.getByRole('heading', { level: 2 }).textContent()).toContain(
        'T4 à La Ressource (Sainte-Marie)',
      );
      expect(await card.textContent()).toContain('en attente de réponses');
      await card.getByText('Pourquoi cette proposition ?').click();
      expect(await card.locator('details').textContent()).toContain(match.explanation.summary);
      await expectAccessible(page);
      await screenshot(page, 'propositions');

      // Act: answer yes in the page
      await card.getByRole('button', { name: 'Oui, ce logement m’intéresse' }).click();

      // Assess: announced in the status region, which takes focus; my answer is shown
      const feedback = card.locator('.interest__feedback');
      await expect
        .poll(() => feedback.textContent())
        .toContain('Votre réponse « oui » est enregistrée');
      expect(await page.evaluate(() => document.activeElement?.className)).toContain(
        'interest__feedback',
      );
      expect(
        await card.getByRole('list', { name: 'Réponses des participants' }).textContent(),
      ).toContain('Vous : oui');

      // Act: the two others say yes through the API, and a first message is written
      for (const other of [second, third]) {
        expect(
          (
            await api(`/matches/${match.id}/interest`, {
              method: 'POST',
              token: other.token,
              json: { interested: true },
            })
          ).status,
        ).toBe(200);
      }
      expect(
        (await say(second, match.id, 'Bonjour, je peux faire visiter samedi matin.')).status,
      ).toBe(201);
      await Promise.all([verifiedByLessor(second), verifiedByLessor(third)]);
      await page.reload();

      // Assess: mutual, messaging open, contacts withheld while my listing awaits its lessor's check
      await expect.poll(() => matchCard(page).textContent()).toContain('tout le monde a dit oui');
      await page.getByRole('link', { name: /^Écrire aux participants/ }).click();
      await page.waitForURL(`**/propositions/${match.id}`);
      const contacts = page.locator('section', {
        has: page.getByRole('heading', { name: 'Coordonnées des autres participants' }),
      });
      await expect
        .poll(async () => (await contacts.textContent())?.replace(/\s+/g, ' '))
        .toContain('vérifié par son bailleur');
      expect((await contacts.textContent())?.replace(/\s+/g, ' ')).toContain(
        'Votre logement : vérification par le bailleur en attente',
      );
      expect(await page.getByRole('link', { name: '0692 11 22 33' }).count()).toBe(0);
      await expectAccessible(page);

      // Act: my lessor verifies my listing
      await verifiedByLessor(me);
      await page.reload();

      // Assess: the detail page with contacts and the thread
      await expect
        .poll(() => page.getByRole('link', { name: '0692 11 22 33' }).isVisible())
        .toBe(true);
      expect(await page.locator('h1').textContent()).toContain('T4 à La Ressource (Sainte-Marie)');
      expect(await page.getByRole('link', { name: '0692 11 22 33' }).getAttribute('href')).toBe(
        'tel:0692112233',
      );
      expect(await page.getByRole('link', { name: second.email }).getAttribute('href')).toBe(
        `mailto:${second.email}`,
      );
      expect(await page.getByRole('heading', { name: /Mickaël Hoarau/ }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Demander l’échange' }).isVisible()).toBe(true);
      const thread = page.getByRole('list', { name: 'Messages, du plus ancien au plus récent' });
      await expect.poll(() => thread.textContent()).toContain('je peux faire visiter samedi matin');
      expect(await thread.locator('li').first().textContent()).toMatch(/Participant [23]/);

      // Act: send a message from the page
      await page
        .getByLabel('Votre message aux autres participants')
        .fill('Merci ! Samedi 10 h me convient.');
      expect(await page.locator('#message-text-count').textContent()).toContain(
        '32 / 1000 caractères',
      );
      await page.getByRole('button', { name: 'Envoyer le message' }).click();

      // Assess: mine last, as "Vous"; a message from the third tenant arrives with the next poll
      await expect
        .poll(() => thread.locator('li').last().textContent())
        .toContain('Samedi 10 h me convient');
      expect(await thread.locator('li').last().textContent()).toContain('Vous');
      expect(await page.getByLabel('Votre message aux autres participants').inputValue()).toBe('');
      expect((await say(third, match.id, 'Parfait pour moi aussi.')).status).toBe(201);
      await expect
        .poll(() => thread.textContent(), { timeout: 20_000, interval: 500 })
        .toContain('Parfait pour moi aussi.');
      await expectAccessible(page);
      await screenshot(page, 'proposition-detail');
      await page.close();
    },
  );

  it('explains honestly why there is no proposal yet', async () => {
    // Prepare: nobody offers what this tenant wants, nobody wants this home
    const alone = await sainteMarie(
      { typology: 'T6', quartier: 'grande-montee', surface: 118, rent: 760 },
      { typology: 'T1', quartier: 'centre-ville' },
    );
    const page = await signedInPage(alone.email);

    // Act
    await page.goto(`${stack().appUrl}/propositions`);

    // Assess
    await expect
      .poll(() => page.getByRole('heading', { name: 'Pas encore de proposition' }).isVisible())
      .toBe(true);
    expect(await page.locator('.empty').textContent()).toContain(
      'Aucune annonce publiée ne cherche pour l’instant un logement comme le vôtre',
    );
    expect(await page.locator('.empty').textContent()).toContain(
      'élargir vos souhaits ne suffirait donc pas',
    );
    await expectAccessible(page);
    await screenshot(page, 'propositions-vide');
    await page.close();
  });

  it('asks the API for its data once, the requests leaving with the page', async () => {
    // Prepare
    const tenant = await sainteMarie(
      { typology: 'T5', quartier: 'grande-montee', surface: 96, rent: 690 },
      { typology: 'T1', quartier: 'centre-ville' },
    );
    const page = await signedInPage(tenant.email);
    const asked: string[] = [];
    // Only this page's requests: the landing page signed in on may still be fetching its own.
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      const from = new URL(request.headers().referer ?? stack().appUrl).pathname;
      // A preload is "other"; the app's own fetch, "fetch".
      if (pathname.startsWith('/api/') && from === '/propositions')
        asked.push(
          `${pathname} ${request.resourceType() === 'fetch' ? 'after the scripts' : 'with the page'}`,
        );
    });

    // Act
    await page.goto(`${stack().appUrl}/propositions`);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Pas encore de proposition' }).isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);

    // Assess: the page's own requests reused what left with the HTML (one request each).
    for (const path of [
      '/api/me',
      '/api/matches',
      '/api/matches/summary',
      '/api/listings/mine',
      '/api/ref',
    ])
      expect(asked.filter((request) => request.startsWith(`${path} `))).toEqual([
        `${path} with the page`,
      ]);
    await page.close();
  });
});

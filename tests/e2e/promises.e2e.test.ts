/**
 * Every promise is tested: each sentence block of the FAQ, « Comment ça marche » and the legal
 * page is listed in tests/e2e/helpers/promises.ts as a capability (with the tests that walk its
 * path), as information, or as awaiting named work. A new sentence without an entry, an entry
 * whose sentence is gone, or a proof naming a test that does not exist fails here. The walks no
 * other test makes are made here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { publishListing, waitForMatch } from '../support/market';
import { requestLinkToken } from '../support/sign-in';
import { api, stack, uniqueEmail } from '../support/stack';
import { AWAITING_WORK, CAPABILITY_CLAIMS, INFORMATION } from './helpers/promises';
import type { PromisePage, Proof, WalkProof } from './helpers/promise-proofs';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGES: PromisePage[] = ['/faq', '/comment-ca-marche', '/mentions-legales'];
const ENTRIES = [...CAPABILITY_CLAIMS, ...INFORMATION, ...AWAITING_WORK];
const PROOFS: Proof[] = [
  ...CAPABILITY_CLAIMS.flatMap((c) => c.proofs),
  ...AWAITING_WORK.flatMap((a) => a.proofsSoFar),
];

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The page's sentence blocks as a reader sees them: paragraphs, definitions, list items without paragraphs. */
async function blocksOf(path: PromisePage): Promise<string[]> {
  const page = await browser.newPage();
  await page.goto(`${stack().appUrl}${path}`);
  await page.locator('main h1').waitFor();
  const blocks = await page.evaluate(() =>
    [...document.querySelectorAll('main p, main dd, main li:not(:has(p))')]
      .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter(Boolean),
  );
  await page.close();
  return blocks;
}

/** A tenant of Sainte-Marie (quartiers no other test file uses). */
const beausejourT2 = () =>
  publishListing({
    dwelling: {
      communeCode: '97418',
      quartierId: '97418-beausejour',
      typology: 'T2',
      surface: 44,
      rent: 360,
      charges: 40,
      lessorId: 'SODIAC',
    },
    household: { adults: 1, children: 1 },
    wishes: {
      communes: ['97418'],
      quartiers: ['97418-riviere-des-pluies'],
      typologies: ['T5'],
      maxTotalRent: 900,
      needs: {},
      features: [],
    },
  } as never);
const riviereT5 = (surface: number) =>
  publishListing({
    dwelling: {
      communeCode: '97418',
      quartierId: '97418-riviere-des-pluies',
      typology: 'T5',
      surface,
      rent: 690,
      charges: 60,
      lessorId: 'SODIAC',
    },
    household: { adults: 1, children: 0 },
    wishes: {
      communes: ['97418'],
      quartiers: ['97418-beausejour'],
      typologies: ['T2'],
      maxTotalRent: 900,
      needs: {},
      features: [],
    },
  } as never);

async function signedInBrowserPage(email: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${stack().appUrl}/connexion?token=${await requestLinkToken(email)}`);
  await page.waitForURL((url) => url.pathname === '/mon-annonce');
  return { context, page };
}

const WALKS: Record<WalkProof['walk'], () => Promise<void>> = {
  'a no leaves the other proposals open': async () => {
    const tenant = await beausejourT2();
    const [first, second] = [await riviereT5(101), await riviereT5(104)];
    const refused = await waitForMatch(tenant, [tenant.listingId, first.listingId]);
    const other = await waitForMatch(tenant, [tenant.listingId, second.listingId]);

    const answer = await api(`/matches/${refused.id}/interest`, {
      method: 'POST',
      token: tenant.token,
      json: { interested: false },
    });

    expect(((await answer.json()) as { status: string }).status).toBe('declined');
    expect(
      (
        (await (await api(`/matches/${other.id}`, { token: tenant.token })).json()) as {
          status: string;
        }
      ).status,
    ).toBe('proposed');
    expect(
      (
        await api(`/matches/${other.id}/interest`, {
          method: 'POST',
          token: tenant.token,
          json: { interested: true },
        })
      ).status,
    ).toBe(200);
  },
  'only one cookie, the session': async () => {
    const { context } = await signedInBrowserPage(uniqueEmail());

    const cookies = await context.cookies();

    expect(cookies.map((cookie) => cookie.name)).toEqual(['kaz_session']);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await context.close();
  },
  'rights from the account page': async () => {
    const { context, page } = await signedInBrowserPage(uniqueEmail());
    await page.goto(`${stack().appUrl}/mentions-legales`);

    await page.getByRole('link', { name: 'votre compte' }).click();

    await page.waitForURL((url) => url.pathname === '/mon-compte');
    await expect
      .poll(() => page.getByRole('link', { name: 'Télécharger mes données' }).isVisible())
      .toBe(true);
    expect(await page.getByLabel(/Votre nom/).isEditable()).toBe(true);
    expect(await page.getByLabel(/Téléphone/).isEditable()).toBe(true);
    expect(await page.getByRole('button', { name: 'Supprimer mon compte…' }).isVisible()).toBe(
      true,
    );
    await context.close();
  },
};

describe('every promise on the site', () => {
  it.each(PAGES)(
    '%s: every sentence block is listed once, and every entry is still on the page',
    async (path) => {
      const blocks = await blocksOf(path);
      const listed = ENTRIES.filter((entry) => entry.page === path).map((entry) => entry.text);

      expect(
        blocks.filter((block) => !listed.includes(block)),
        'phrases sans entrée dans tests/e2e/helpers/promises.ts',
      ).toEqual([]);
      expect(
        listed.filter((text) => !blocks.includes(text)),
        'entrées dont la phrase a disparu',
      ).toEqual([]);
      expect(
        listed.filter((text, i) => listed.indexOf(text) !== i),
        'entrées en double',
      ).toEqual([]);
    },
  );

  it('every capability names at least one proof, and every proof names a test that exists', () => {
    const missing = PROOFS.filter(
      (proof): proof is Extract<Proof, { file: string }> => 'file' in proof,
    ).filter((proof) => {
      const source = readFileSync(resolve(ROOT, proof.file), 'utf8');
      return !source.includes(`'${proof.test}'`) && !source.includes(`\`${proof.test}\``);
    });

    expect(
      CAPABILITY_CLAIMS.filter((claim) => claim.proofs.length === 0).map((claim) => claim.text),
    ).toEqual([]);
    expect(missing).toEqual([]);
  });

  it('names, for every claim not true yet, the part missing and the work it awaits', () => {
    for (const entry of AWAITING_WORK) {
      expect(entry.notYet.length, entry.text).toBeGreaterThan(0);
      expect(entry.awaits.length, entry.text).toBeGreaterThan(0);
    }
    expect(Object.keys(WALKS).sort()).toEqual(
      [...new Set(PROOFS.filter((p): p is WalkProof => 'walk' in p).map((p) => p.walk))].sort(),
    );
  });

  it.each(Object.keys(WALKS) as WalkProof['walk'][])('walk: %s', async (walk) => {
    await WALKS[walk]();
  });
});

/** The API reference renders in a real browser under its page's policy, with nothing refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { stack } from '../support/stack';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the API reference page', () => {
  it('shows the operations of the OpenAPI document without any policy violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(stack().appUrl) && !request.url().startsWith('data:'))
        outside.push(request.url());
    });

    await page.goto(`${stack().appUrl}/api/docs/`);

    await expect
      .poll(() => page.getByRole('heading', { name: 'Échange Kaz — API' }).count(), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await page.getByText('Clients de l’API').first().click();
    await expect
      .poll(() =>
        page.getByText('Obtenir un jeton d’accès (client credentials), valable une heure').count(),
      )
      .toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/api-docs.png' });
    expect(refused).toEqual([]);
    expect(outside).toEqual([]);
  });
});

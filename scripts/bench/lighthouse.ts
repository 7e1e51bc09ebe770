/**
 * Lighthouse (mobile profile, Debian's Chromium) on the home page and the listing form, served
 * by the local stack from the production build. Scores go to docs/benchmarks.md.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { signSession } from '../../functions/lib/auth/session';
import { createUser } from '../../functions/lib/db/users';
import { startLocalStack } from '../local/stack';
import { machineLine, writeBenchSection } from './report';

const stack = await startLocalStack({ logLevel: 'error' });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});

try {
  const tenant = await createUser(
    stack.db,
    { email: 'lighthouse@bourse.local', role: 'tenant' },
    new Date(),
  );
  const { token } = await signSession(stack.config.sessionSecret, tenant, new Date());
  const pages = [
    { name: "Page d'accueil", path: '/', headers: {} as Record<string, string> },
    {
      name: 'Formulaire d’annonce (étape 1)',
      path: '/mon-annonce/nouvelle',
      headers: { Cookie: `kaz_session=${token}` },
    },
  ];
  const lines = [
    machineLine('npm run bench:lighthouse'),
    '',
    'Lighthouse 12.2.3, mobile profile (simulated slow 4G, 4× CPU slowdown), production build served by the local stack. Targets: accessibility ≥ 95, performance ≥ 90.',
    '',
    '| page | performance | accessibility | best practices | LCP | TBT | CLS |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const page of pages) {
    const result = await lighthouse(`${stack.appUrl}${page.path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      extraHeaders: page.headers,
    });
    const lhr = result!.lhr;
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const audit = (id: string) => lhr.audits[id]?.displayValue ?? '–';
    lines.push(
      `| ${page.name} (\`${page.path}\`) | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${audit('largest-contentful-paint')} | ${audit('total-blocking-time')} | ${audit('cumulative-layout-shift')} |`,
    );
    const failing = Object.values(lhr.audits).filter(
      (a) =>
        a.score !== null &&
        a.score < 0.9 &&
        lhr.categories.accessibility?.auditRefs.some((ref) => ref.id === a.id),
    );
    if (failing.length > 0)
      lines.push(
        `|  ↳ accessibility audits below 0.9: ${failing.map((a) => a.id).join(', ')} | | | | | | |`,
      );
  }
  console.log(lines.join('\n'));
  writeBenchSection('lighthouse', 'Lighthouse (mobile)', lines);
} finally {
  await chrome.kill();
  await stack.stop();
}

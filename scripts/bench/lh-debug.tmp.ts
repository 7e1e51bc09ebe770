import { writeFileSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { signSession } from '../../functions/lib/auth/session';
import { createUser } from '../../functions/lib/db/users';
import { startLocalStack } from '../local/stack';

const stack = await startLocalStack({ logLevel: 'error' });
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
try {
  const tenant = await createUser(stack.db, { email: 'lighthouse@bourse.local', role: 'tenant' }, new Date());
  const { token } = await signSession(stack.config.sessionSecret, tenant, new Date());
  const path = process.argv[2] ?? '/mon-annonce/nouvelle';
  const result = await lighthouse(`${stack.appUrl}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], extraHeaders: { Cookie: `kaz_session=${token}` } });
  const lhr = result!.lhr;
  writeFileSync('/tmp/lhr.json', JSON.stringify(lhr));
  console.log('perf', lhr.categories.performance?.score);
  for (const id of ['layout-shifts', 'long-tasks', 'bootup-time', 'mainthread-work-breakdown', 'largest-contentful-paint-element', 'network-requests']) {
    const details = lhr.audits[id]?.details as { items?: unknown[] } | undefined;
    console.log('==', id, lhr.audits[id]?.displayValue, JSON.stringify(details?.items?.slice(0, 12), null, 0).slice(0, 3000));
  }
} finally {
  await chrome.kill();
  await stack.stop();
}

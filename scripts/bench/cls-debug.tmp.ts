import { chromium } from 'playwright-core';
import { signSession } from '../../functions/lib/auth/session';
import { createUser } from '../../functions/lib/db/users';
import { startLocalStack } from '../local/stack';

const stack = await startLocalStack({ logLevel: 'error' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const tenant = await createUser(stack.db, { email: 'lighthouse@bourse.local', role: 'tenant' }, new Date());
  const { token } = await signSession(stack.config.sessionSecret, tenant, new Date());
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  await context.addCookies([{ name: 'kaz_session', value: token, url: stack.appUrl }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    (window as unknown as { shifts: unknown[] }).shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as Array<{ value: number; startTime: number; sources: Array<{ node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }> }>) {
        (window as unknown as { shifts: unknown[] }).shifts.push({ value: entry.value, t: Math.round(entry.startTime), sources: entry.sources.map((s) => ({ node: s.node instanceof Element ? `${s.node.tagName}.${s.node.className} ${s.node.textContent?.slice(0, 40)}` : String(s.node?.nodeName), prev: [s.previousRect.y, s.previousRect.height], cur: [s.currentRect.y, s.currentRect.height] })) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${stack.appUrl}${process.argv[2] ?? '/mon-annonce/nouvelle'}`);
  await page.waitForTimeout(4000);
  console.log(JSON.stringify(await page.evaluate(() => (window as unknown as { shifts: unknown[] }).shifts), null, 1));
} finally {
  await browser.close();
  await stack.stop();
}

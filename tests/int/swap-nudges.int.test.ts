import { describe, expect, it } from 'vitest';
import { runSwapNudges } from '../../functions/scheduler/swap-nudges';
import { mailsTo } from '../support/mailbox';
import { mutualMatch, requestedSwap } from '../support/swap-fixture';
import { api, stack, stackDatabase } from '../support/stack';

const nudges = async (email: string) =>
  (await mailsTo(email)).filter((mail) => mail.subject === 'Où en est votre échange ?');
const DAY = 86_400_000;

describe('nudge when a mutual proposal has no swap request', () => {
  it('reminds every participant once, 7 days after everyone said yes, not before and not when a swap was requested', async () => {
    // Prepare
    const quiet = await mutualMatch('SIDR');
    const requested = await requestedSwap('SIDR');
    const deps = { db: stackDatabase(), appUrl: stack().appUrl };

    // Act
    await runSwapNudges(deps, new Date(Date.now() + 6 * DAY));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const beforeSevenDays = (await nudges(quiet.requester.email)).length;
    await runSwapNudges(deps, new Date(Date.now() + 7 * DAY));
    await runSwapNudges(deps, new Date(Date.now() + 8 * DAY));

    // Assess
    expect(beforeSevenDays).toBe(0);
    for (const tenant of [quiet.requester, quiet.partner]) {
      await expect
        .poll(async () => (await nudges(tenant.email)).length, { timeout: 15_000 })
        .toBe(1);
      expect((await nudges(tenant.email))[0]?.body.text).toContain(
        `/propositions/${quiet.matchId}`,
      );
    }
    expect(await nudges(requested.requester.email)).toHaveLength(0);
    expect((await api(`/matches/${quiet.matchId}`, { token: quiet.requester.token })).status).toBe(
      200,
    );
  });
});

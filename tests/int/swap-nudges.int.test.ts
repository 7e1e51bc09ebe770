import { describe, expect, it } from 'vitest';
import { runSwapNudges } from '../../functions/scheduler/swap-nudges';
import { bringForwardToToday, dayOf, isFiledUnder } from '../support/day-lists';
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
    const nudgeDay = dayOf(new Date(Date.now() + 7 * DAY));
    // Filed for 7 days after both said yes (the day may turn while the proposals are made)
    const filedDay = async (matchId: string) => {
      for (const day of [nudgeDay, dayOf(new Date(Date.now() + 6 * DAY))])
        if (await isFiledUnder('swapNudge', day, matchId)) return day;
      return undefined;
    };
    const quietDay = await filedDay(quiet.matchId);
    // A requested swap's entry may remain: the job finds the proposal engaged and mails nobody.
    const requestedDay = await filedDay(requested.matchId);

    // Act: today nothing is due; then the seventh day comes for these two proposals alone (tests/support/day-lists.ts)
    await runSwapNudges(deps, new Date());
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const beforeSevenDays = (await nudges(quiet.requester.email)).length;
    await bringForwardToToday('swapNudge', quietDay!, quiet.matchId);
    if (requestedDay) await bringForwardToToday('swapNudge', requestedDay, requested.matchId);
    await runSwapNudges(deps, new Date());
    await runSwapNudges(deps, new Date());

    // Assess
    expect(quietDay).toBeDefined();
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

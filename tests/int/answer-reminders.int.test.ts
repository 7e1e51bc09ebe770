import { describe, expect, it } from 'vitest';
import { runAnswerReminders } from '../../functions/scheduler/answer-reminders';
import { bringForwardToToday, dayOf, isFiledUnder } from '../support/day-lists';
import { mailsTo } from '../support/mailbox';
import { publishListing, waitForMatch } from '../support/market';
import { api, stack, stackDatabase } from '../support/stack';

const wants = (typology: string, quartier: string) => ({
  communes: ['97420'],
  quartiers: [quartier],
  typologies: [typology],
  maxTotalRent: 1000,
  needs: {},
  features: [],
});
const reminders = async (email: string) =>
  (await mailsTo(email)).filter(
    (mail) => mail.subject === 'Une proposition d’échange attend votre réponse',
  );

describe('reminders to silent participants', () => {
  it('reminds, 3 days later and once, only those who have not answered', async () => {
    const a = await publishListing({
      dwelling: {
        communeCode: '97420',
        quartierId: '97420-centre-ville',
        typology: 'T5',
        surface: 97,
        rent: 700,
        charges: 60,
        lessorId: 'SIDR',
      },
      household: { adults: 1, children: 0 },
      wishes: wants('T2', '97420-la-renaissance'),
    } as never);
    const b = await publishListing({
      dwelling: {
        communeCode: '97420',
        quartierId: '97420-la-renaissance',
        typology: 'T2',
        surface: 50,
        rent: 380,
        charges: 40,
        lessorId: 'SIDR',
      },
      household: { adults: 2, children: 1 },
      wishes: wants('T5', '97420-centre-ville'),
    } as never);
    const match = await waitForMatch(a, [a.listingId, b.listingId]);
    await api(`/matches/${match.id}/interest`, {
      method: 'POST',
      token: a.token,
      json: { interested: true },
    });
    const deps = { db: stackDatabase(), appUrl: stack().appUrl };
    const reminderDay = dayOf(new Date(Date.parse(match.createdAt) + 3 * 86_400_000));

    // Filed for 3 days after the proposal was stored, and not reminded today
    await expect
      .poll(() => isFiledUnder('answerReminder', reminderDay, match.id), { timeout: 15_000 })
      .toBe(true);
    await runAnswerReminders(deps, new Date());
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const beforeThreeDays = (await reminders(b.email)).length;
    // The third day comes for this proposal alone (tests/support/day-lists.ts)
    await bringForwardToToday('answerReminder', reminderDay, match.id);
    const first = await runAnswerReminders(deps, new Date());
    const second = await runAnswerReminders(deps, new Date());

    expect(beforeThreeDays).toBe(0);
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    expect(second.reminded).toBe(0);
    await expect.poll(async () => (await reminders(b.email)).length, { timeout: 15_000 }).toBe(1);
    expect((await reminders(b.email))[0]?.body.text).toContain(`/propositions/${match.id}`);
    expect(await reminders(a.email)).toHaveLength(0);
  });
});

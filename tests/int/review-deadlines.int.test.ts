/**
 * The review-deadline job with an injected clock, on the stack's table: a reminder to the lessor's
 * agents 7 days before the deadline, escalation to Armos once overdue — each once, however often it runs.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SwapView } from '../../shared/schemas/swap';
import { keys } from '../../functions/lib/db/model';
import { readReferenceData } from '../../functions/lib/db/reference';
import {
  runReviewDeadlines,
  type ReviewDeadlineDeps,
} from '../../functions/scheduler/review-deadlines';
import { mailsTo } from '../support/mailbox';
import type { SignedIn } from '../support/sign-in';
import { api, stack, stackDatabase } from '../support/stack';
import {
  makeMutual,
  staffAccount,
  swapOf,
  verifiedListing,
  waitForMatches,
} from '../support/swaps';

let armos: SignedIn & { email: string };
let sodiac: SignedIn & { email: string };
let deps: ReviewDeadlineDeps;

beforeAll(async () => {
  [armos, sodiac] = await Promise.all([staffAccount('armos'), staffAccount('lessor', 'SODIAC')]);
  const db = stackDatabase();
  deps = { db, appUrl: stack().appUrl, reference: () => readReferenceData(db) };
});

const DAY = 86_400_000;

async function reviewItem(swapId: string, listingId: string) {
  const { Item } = await stackDatabase().doc.send(
    new GetCommand({
      TableName: stackDatabase().tableName,
      Key: keys.swapReview(swapId, listingId),
      ConsistentRead: true,
    }),
  );
  return Item as { remindedAt?: string; escalated?: boolean; escalatedAt?: string; gsi2sk: string };
}

/**
 * Counts the mails about one swap, after the notifier had time to send anything new. The job runs
 * over the whole table, so the shared staff accounts also hear about other test files' swaps.
 */
/**
 * How many such mails about the swap `address` received, once at least `expected` came and the
 * stream had 1.5 s more to send a duplicate.
 */
async function settledCount(
  address: string,
  subject: RegExp,
  swapId: string,
  expected = 1,
): Promise<number> {
  const count = async () =>
    (await mailsTo(address)).filter(
      (m) => subject.test(m.subject) && (m.body.text ?? '').includes(swapId),
    ).length;
  await expect.poll(count).toBeGreaterThanOrEqual(expected);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return count();
}

describe('review deadlines', () => {
  it('reminds the lessor a week before the deadline and escalates to Armos when overdue, once each', async () => {
    // Prepare: a 2-way swap between two SODIAC dwellings, under review.
    const a = await verifiedListing(
      armos,
      { quartier: 'la-ressource', typology: 'T6', lessorId: 'SODIAC', surface: 120, rent: 820 },
      { quartiers: ['terrain-elisa'], typologies: ['T6'] },
      { adults: 2, children: 4 },
    );
    const b = await verifiedListing(
      armos,
      { quartier: 'terrain-elisa', typology: 'T6', lessorId: 'SODIAC', surface: 118, rent: 800 },
      { quartiers: ['la-ressource'], typologies: ['T6'] },
      { adults: 2, children: 3 },
    );
    const [match] = await waitForMatches(a, [a.listingId, b.listingId], 1);
    await makeMutual(match!, [a, b]);
    const requested = (await (
      await api('/swaps', { method: 'POST', token: a.token, json: { matchId: match!.id } })
    ).json()) as SwapView;
    await api(`/swaps/${requested.id}/confirm`, { method: 'POST', token: b.token });
    const swap = await swapOf(sodiac.token, requested.id);
    const due = new Date(swap.dueAt!).getTime();
    const [first, second] = swap.reviews;

    // Act and assess, day by day on an injected clock.
    await runReviewDeadlines(deps, new Date(due - 10 * DAY));
    expect((await reviewItem(swap.id, first!.listingId)).remindedAt).toBeUndefined();

    // One lessor decides (documents asked: still awaiting), the other does not; both are reminded.
    await api(`/swaps/${swap.id}/reviews`, {
      method: 'POST',
      token: sodiac.token,
      json: {
        listingId: second!.listingId,
        decision: 'documents_requested',
        comment: 'Justificatif de domicile',
      },
    });
    const reminderDay = new Date(due - 7 * DAY + 3_600_000);
    const reminded = await runReviewDeadlines(deps, reminderDay);
    const again = await runReviewDeadlines(deps, reminderDay);
    expect(reminded.reminded).toBeGreaterThanOrEqual(2);
    expect(again.failed).toBe(0);
    expect((await reviewItem(swap.id, first!.listingId)).remindedAt).toBe(
      reminderDay.toISOString(),
    );
    expect((await reviewItem(swap.id, second!.listingId)).remindedAt).toBe(
      reminderDay.toISOString(),
    );
    expect(
      await settledCount(sodiac.email, /^Rappel : un échange attend votre décision/, swap.id, 2),
    ).toBe(2);

    // The first review gets its decision; only the second is overdue and escalated.
    await api(`/swaps/${swap.id}/reviews`, {
      method: 'POST',
      token: sodiac.token,
      json: { listingId: first!.listingId, decision: 'approved' },
    });
    const overdue = new Date(due + 3_600_000);
    await runReviewDeadlines(deps, overdue);
    await runReviewDeadlines(deps, new Date(due + 2 * DAY));
    expect(await reviewItem(swap.id, first!.listingId)).not.toHaveProperty('escalated');
    expect(await reviewItem(swap.id, second!.listingId)).toMatchObject({
      escalated: true,
      escalatedAt: overdue.toISOString(),
    });
    expect(await settledCount(armos.email, /^Examen d’échange en retard : SODIAC/, swap.id)).toBe(
      1,
    );
    const seenByArmos = await swapOf(armos.token, swap.id);
    expect(seenByArmos.reviews.find((r) => r.listingId === second!.listingId)).toMatchObject({
      escalated: true,
      decision: 'documents_requested',
    });

    // Settled reviews leave the open part of the queue: approving the last one sends nothing more.
    await api(`/swaps/${swap.id}/reviews`, {
      method: 'POST',
      token: sodiac.token,
      json: { listingId: second!.listingId, decision: 'approved' },
    });
    expect((await reviewItem(swap.id, second!.listingId)).gsi2sk).toMatch(/^SETTLED#/);
    const after = await runReviewDeadlines(deps, new Date(due + 3 * DAY));
    expect(after.failed).toBe(0);
    expect(await settledCount(armos.email, /^Examen d’échange en retard/, swap.id)).toBe(1);
    expect((await swapOf(sodiac.token, swap.id)).status).toBe('approved');
  });
});

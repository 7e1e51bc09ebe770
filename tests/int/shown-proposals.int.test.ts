/**
 * "Mes propositions" reads the listing's links in the order of their index (`shownMatchesOf`):
 * on DynamoDB Local, what it reads must be what the reference selection picks among every stored
 * proposal through the listing, across pages, after answers, a recommendation and a closing.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  getMatch,
  linkedMatchesOf,
  matchUpdateItems,
  setMatchRecommended,
  storeNewMatches,
  type StoredMatch,
} from '../../functions/lib/db/matches';
import { shownCountsOf, shownMatchesOf, shownPageOf } from '../../functions/lib/db/shown-proposals';
import { keptBy, MATCH_FILTERS, type ShownCursor } from '../../shared/match/shown-page';
import { transactWrite } from '../../functions/lib/db/transact';
import { BEST_RANKED_SHOWN, selectShown, shownGroupOf } from '../../shared/match/shown';
import { stack, stackDatabase, uniqueEmail } from '../support/stack';
import { mailsTo, waitForMails } from '../support/mailbox';
import { createUser } from '../../functions/lib/db/users';
import { enqueueProposals } from '../../functions/lib/db/proposal-digests';
import { sendDigestIfDue } from '../../functions/lib/matching/digest';
import { putAnswerReminders } from '../../functions/lib/db/day-lists';
import { formatInTimeZone } from '../../functions/lib/time';
import { runAnswerReminders } from '../../functions/scheduler/answer-reminders';

const db = () => stackDatabase();
const ids = (matches: readonly { id: string }[]) => matches.map((match) => match.id);

type Interest = StoredMatch['participants'][number]['interest'];

/** A proposal through `mine` whose second participant answered `answer`. */
function proposalThrough(
  mine: string,
  { kind, score, answer = 'pending', closed = false, owner }: ProposalShape,
): StoredMatch {
  const at = new Date().toISOString();
  const listingIds = [mine, ...Array.from({ length: kind === '2-way' ? 1 : 2 }, randomUUID)];
  const id = `shown${randomUUID().replace(/-/g, '').slice(0, 17)}`;
  return {
    id,
    key: id,
    kind,
    listingIds,
    participants: listingIds.map((listingId, i) => ({
      listingId,
      ownerId: i === 0 && owner ? owner : `owner-${listingId}`,
      interest: i === 1 ? answer : 'pending',
    })),
    status: closed ? 'closed' : answer === 'no' ? 'declined' : 'proposed',
    score,
    explanations: {},
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

interface ProposalShape {
  kind: StoredMatch['kind'];
  score: number;
  answer?: Interest;
  closed?: boolean;
  /** The owner of `mine` (by default one named after it). */
  owner?: string;
}

/** `count` proposals through `mine`, of random kinds, scores and answers, one in ten closed. */
function proposalsThrough(mine: string, count: number, seed: number): StoredMatch[] {
  const shapes = fc.sample(
    fc.record({
      kind: fc.constantFrom('2-way' as const, '2-way' as const, '3-way' as const, 'chain' as const),
      score: fc.integer({ min: 300, max: 900 }).map((tenths) => tenths / 10),
      answer: fc.constantFrom<Interest>('pending', 'pending', 'yes', 'no'),
      closed: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    }),
    { numRuns: count, seed },
  );
  return shapes.map((shape) => proposalThrough(mine, shape));
}

async function store(mine: string, matches: StoredMatch[]): Promise<void> {
  await storeNewMatches(db(), matches, {
    listingId: mine,
    count2: 0,
    count3: 0,
    wanters: 0,
    computedAt: new Date().toISOString(),
  });
}

describe('the proposals a listing’s page shows, read from its ordered links', () => {
  it('reads what the reference selection picks among all stored, over several pages', async () => {
    // Prepare: enough 2-ways and answered ones for more than one page of the index.
    const mine = randomUUID();
    const stored = proposalsThrough(mine, 700, 22);
    await store(mine, stored);

    // Act
    const shown = await shownMatchesOf(db(), mine);
    const counts = await shownCountsOf(db(), mine);

    // Assess
    const expected = selectShown(await linkedMatchesOf(db(), mine, { consistent: true }));
    expect(expected.length).toBeGreaterThan(300);
    expect(expected.filter((m) => shownGroupOf(m) === 'ranked').length).toBe(BEST_RANKED_SHOWN);
    expect(ids(shown)).toEqual(ids(expected));
    expect(counts).toEqual({
      stored: expected.length,
      awaitingMe: expected.filter(keptBy('awaiting-me', mine)).length,
      mutual: expected.filter(keptBy('mutual', mine)).length,
    });

    // A page at a time, under each filter: the same list, cut where the cursors say.
    for (const filter of MATCH_FILTERS) {
      const paged: StoredMatch[] = [];
      let cursor: ShownCursor | undefined;
      let pages = 0;
      do {
        const page = await shownPageOf(db(), mine, { limit: 97, cursor, filter });
        paged.push(...page.matches);
        cursor = page.next;
        pages += 1;
      } while (cursor);
      expect(ids(paged), filter).toEqual(ids(expected.filter(keptBy(filter, mine))));
      if (filter === 'all') expect(pages).toBe(Math.ceil(expected.length / 97));
    }
    // Copies come back as the matches they copy, without the table's attributes.
    const first = shown[0]!;
    expect(first).toEqual(await getMatch(db(), first.id));
  }, 120_000);

  it('moves a proposal in when it is recommended or answered, and out when it closes', async () => {
    // Prepare: 60 pending 3-ways, so the lowest ten are not shown.
    const mine = randomUUID();
    const stored = Array.from({ length: 60 }, (_, i) =>
      proposalThrough(mine, { kind: '3-way', score: 80 - i / 10 }),
    );
    await store(mine, stored);
    const [lowest, secondLowest] = [stored.at(-1)!, stored.at(-2)!];
    const best = stored[0]!;
    expect(ids(await shownMatchesOf(db(), mine))).not.toContain(lowest.id);

    // Act
    await setMatchRecommended(db(), lowest.id, true);
    const answered: StoredMatch = {
      ...secondLowest,
      participants: secondLowest.participants.map((p, i) =>
        i === 2 ? { ...p, interest: 'yes' } : p,
      ),
    };
    await transactWrite(db(), matchUpdateItems(db(), answered, 1));
    await transactWrite(db(), matchUpdateItems(db(), { ...best, status: 'closed' }, 1));

    // Assess: both below the 50th are shown, the closed one is gone and the 51st moved up.
    const shown = await shownMatchesOf(db(), mine);
    expect(ids(shown)).toEqual(
      expect.arrayContaining([lowest.id, secondLowest.id, stored[BEST_RANKED_SHOWN]!.id]),
    );
    expect(ids(shown)).not.toContain(best.id);
    expect(shown).toHaveLength(BEST_RANKED_SHOWN + 2);
    expect(shown.find((m) => m.id === lowest.id)?.recommended).toBe(true);
    expect((await shownCountsOf(db(), mine)).stored).toBe(BEST_RANKED_SHOWN + 2);
    // Unmarked by the next plan, it leaves the page again.
    await setMatchRecommended(db(), lowest.id, false);
    expect(ids(await shownMatchesOf(db(), mine))).not.toContain(lowest.id);
  }, 60_000);

  it('announces in the digest only the proposals the page lists', async () => {
    // Prepare: 60 pending 3-ways through a tenant's listing, all queued for their digest.
    const email = uniqueEmail('digest-shown');
    const owner = await createUser(db(), { email, role: 'tenant' }, new Date());
    const mine = randomUUID();
    const stored = Array.from({ length: 60 }, (_, i) =>
      proposalThrough(mine, { kind: '3-way', score: 80 - i / 10, owner: owner.id }),
    );
    await store(mine, stored);
    await enqueueProposals(db(), owner.id, ids(stored));

    // Act
    const sent = await sendDigestIfDue(
      { db: db(), now: () => new Date(), appUrl: stack().appUrl },
      owner.id,
    );

    // Assess: the best 50, not the ten below them that only a neighbour's best holds.
    expect(sent).toBe(true);
    const [mail] = await waitForMails(email);
    expect(mail?.subject).toBe(`${BEST_RANKED_SHOWN} nouvelles propositions d’échange`);
    expect(mail?.body.text).toContain(`/propositions/${stored[0]!.id}`);
  }, 60_000);

  it('reminds a silent participant only of the proposals the page lists', async () => {
    // Prepare: 60 pending 3-ways through a tenant's listing; the best and the lowest are due today.
    const email = uniqueEmail('reminder-shown');
    const owner = await createUser(db(), { email, role: 'tenant' }, new Date());
    const mine = randomUUID();
    const stored = Array.from({ length: 60 }, (_, i) =>
      proposalThrough(mine, { kind: '3-way', score: 80 - i / 10, owner: owner.id }),
    );
    await store(mine, stored);
    const [best, lowest] = [stored[0]!, stored.at(-1)!];
    const today = formatInTimeZone(new Date(), 'yyyy-MM-dd');
    await putAnswerReminders(db(), [
      { matchId: best.id, day: today },
      { matchId: lowest.id, day: today },
    ]);

    // Act
    await runAnswerReminders({ db: db(), appUrl: stack().appUrl }, new Date());

    // Assess: reminded of the one their page lists, not of the one only a neighbour's best holds.
    const reminders = async () =>
      (await mailsTo(email)).filter(
        (mail) => mail.subject === 'Une proposition d’échange attend votre réponse',
      );
    await expect.poll(async () => (await reminders()).length, { timeout: 15_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [mail, ...others] = await reminders();
    expect(others).toHaveLength(0);
    expect(mail?.body.text).toContain(`/propositions/${best.id}`);
    expect(mail?.body.text).not.toContain(lowest.id);
  }, 60_000);
});

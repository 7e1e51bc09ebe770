/**
 * The matcher stores a listing's own proposals linked to every participant, with its counts; the
 * fan-out, from the stream, files the reminders and sends the digest. On a table of its own, so
 * that the local stack's stream runner does not act first; stream records are built as Lambda
 * delivers them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { seedReferenceData } from '../../shared/reference/index';
import { generateMarket, type GeneratedListing } from '../../shared/market/generator';
import type { Database } from '../../functions/lib/db/client';
import {
  getMatchSummary,
  getMatches,
  linksOfListing,
  matchUpdateItems,
  type StoredMatch,
} from '../../functions/lib/db/matches';
import { keys } from '../../functions/lib/db/model';
import { transactWrite } from '../../functions/lib/db/transact';
import { createUser } from '../../functions/lib/db/users';
import { MarketCache } from '../../functions/lib/matching/market-cache';
import { refillProposalsOf } from '../../functions/lib/matching/proposals';
import { OwnBestMemo, type MatchingIndex } from '../../shared/matching/index';
import { formatInTimeZone } from '../../functions/lib/time';
import { createProposalFanOut } from '../../functions/matcher/fan-out';
import { loadMarket } from '../../scripts/bench/market-loader';
import { listingInput } from '../support/factories';
import { uniqueEmail, createOwnTable, dropOwnTable } from '../support/stack';

let db: Database;
const now = () => new Date();
const reference = async () => seedReferenceData;
const wants = (typology: string, maxTotalRent = 900) => ({
  communes: ['97420'],
  quartiers: [],
  typologies: [typology],
  maxTotalRent,
  needs: {},
  features: [],
});

beforeAll(async () => {
  db = await createOwnTable('fan-out');
});

afterAll(() => dropOwnTable(db));

/** Two tenants whose dwellings suit each other, and a third who wants the T5 too (two 2-way swaps sharing B). */
async function market(): Promise<{
  a: GeneratedListing;
  b: GeneratedListing;
  c: GeneratedListing;
  emails: string[];
}> {
  const emails = [uniqueEmail('a'), uniqueEmail('b'), uniqueEmail('c')];
  const owners = await Promise.all(
    emails.map((email) => createUser(db, { email, role: 'tenant' }, now())),
  );
  const listing = (
    owner: number,
    overrides: Parameters<typeof listingInput>[0],
  ): GeneratedListing => ({
    ...listingInput(overrides),
    id: randomUUID(),
    ownerId: owners[owner]!.id,
  });
  const dwelling = (typology: string, surface: number, rent: number) => ({
    communeCode: '97420',
    quartierId: '97420-bagatelle',
    typology,
    surface,
    rent,
    charges: 40,
    lessorId: 'SHLMR',
  });
  const a = listing(0, {
    dwelling: dwelling('T2', 48, 380),
    household: { adults: 2, children: 1 },
    wishes: wants('T5'),
  } as never);
  const b = listing(1, {
    dwelling: dwelling('T5', 96, 690),
    household: { adults: 1, children: 0 },
    motive: 'under_occupation',
    wishes: wants('T2', 500),
  } as never);
  const c = listing(2, {
    dwelling: dwelling('T2', 50, 390),
    household: { adults: 2, children: 1 },
    wishes: wants('T5'),
  } as never);
  await loadMarket(db, [a, b, c]);
  return { a, b, c, emails };
}

/** The matcher's refill of one listing: its own best stored, with its counts. */
function storeOwnBest(index: MatchingIndex, listingId: string, k = 50) {
  return refillProposalsOf({ db, now }, new OwnBestMemo(index, k), listingId, {
    listingId,
    ...index.countsFor(listingId),
    computedAt: now().toISOString(),
  });
}

function matchInserts(matches: StoredMatch[], firstSequence: number): DynamoDBStreamEvent {
  return {
    Records: matches.map((match, i) => ({
      eventName: 'INSERT',
      dynamodb: {
        Keys: marshall(keys.match(match.id)) as never,
        NewImage: marshall(
          { ...keys.match(match.id), entity: 'Match', ...match },
          { removeUndefinedValues: true },
        ) as never,
        SequenceNumber: String(firstSequence + i),
      },
    })),
  };
}

const digestsTo = async (email: string) => {
  const { Items } = await db.doc.send(
    new ScanCommand({
      TableName: db.tableName,
      FilterExpression: '#entity = :outbox AND #to = :to AND #kind = :kind',
      ExpressionAttributeNames: { '#entity': 'entity', '#to': 'to', '#kind': 'kind' },
      ExpressionAttributeValues: { ':outbox': 'Outbox', ':to': email, ':kind': 'proposals-digest' },
    }),
  );
  return Items ?? [];
};

describe('proposals found by a new listing, then fanned out', () => {
  it('links them to every participant with the counts of the listing that found them, then files reminders and sends one digest', async () => {
    const { a, b, c, emails } = await market();
    const index = await new MarketCache().get(db, reference, now());

    const created = await storeOwnBest(index, b.id);

    expect(created).toHaveLength(2);
    expect(created.every((match) => match.foundFor === b.id)).toBe(true);
    expect(await linksOfListing(db, b.id)).toHaveLength(2);
    expect(await getMatchSummary(db, b.id)).toMatchObject({ count2: 2, count3: 0, wanters: 2 });

    const fanOut = createProposalFanOut({ db, now, appUrl: 'http://localhost:3000' });
    const event = matchInserts(created, 100);
    expect(await fanOut(event)).toEqual({ batchItemFailures: [] });
    // Lambda may deliver a batch again: nothing changes, nobody is mailed twice.
    expect(await fanOut(event)).toEqual({ batchItemFailures: [] });

    for (const listing of [a, c])
      expect(await linksOfListing(db, listing.id)).toEqual([
        { matchId: expect.any(String), status: 'proposed' },
      ]);
    const reminderDay = formatInTimeZone(
      new Date(Date.parse(created[0]!.createdAt) + 3 * 86_400_000),
      'yyyy-MM-dd',
    );
    const { Items: reminders } = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.answerRemindersOf(reminderDay).pk },
      }),
    );
    expect(reminders?.map((item) => item.matchId).sort()).toEqual(
      created.map((match) => match.id).sort(),
    );
    for (const email of emails) expect(await digestsTo(email)).toHaveLength(1);
  });

  it('stores more proposals than one transaction holds, each once, the counts with the last ones', async () => {
    const dense = generateMarket({
      size: 400,
      seed: 3,
      density: 'broad',
      region: 'cinor',
    }).listings;
    await loadMarket(db, dense);
    const index = await new MarketCache().get(db, reference, now());
    const busiest = dense
      .map((listing) => listing.id)
      .sort((x, y) => index.countsFor(y).count3 - index.countsFor(x).count3)[0]!;

    const created = await storeOwnBest(index, busiest, 60);
    const again = await storeOwnBest(index, busiest, 60);

    expect(created).toHaveLength(index.countsFor(busiest).count2 + 60);
    expect(again).toHaveLength(0);
    expect(new Set((await linksOfListing(db, busiest)).map((link) => link.matchId))).toEqual(
      new Set(created.map((match) => match.id)),
    );
    expect(await getMatchSummary(db, busiest)).toMatchObject({
      count3: index.countsFor(busiest).count3,
    });
  });

  it('stores a proposal once when found twice at the same time, and leaves an answered one as it is', async () => {
    const { a, b } = await market();
    const index = await new MarketCache().get(db, reference, now());

    // The same cycles, found for A and for B at the same instant: each one is stored once.
    const [forA, forB] = await Promise.all([storeOwnBest(index, a.id), storeOwnBest(index, b.id)]);
    const sharedId = [...forA, ...forB].find(
      (match) => match.listingIds.includes(a.id) && match.listingIds.includes(b.id),
    )!.id;
    expect([...forA, ...forB].filter((match) => match.id === sharedId)).toHaveLength(1);

    // A says no; the fan-out and a later refill must not put the proposal back to "proposed".
    const shared = [...forA, ...forB].find((match) => match.id === sharedId)!;
    const declined: StoredMatch = {
      ...shared,
      status: 'closed',
      participants: shared.participants.map((p) =>
        p.listingId === a.id ? { ...p, interest: 'no' } : p,
      ),
    };
    await transactWrite(db, matchUpdateItems(db, declined, shared.version));
    await createProposalFanOut({ db, now, appUrl: 'http://localhost:3000' })(
      matchInserts([shared], 200),
    );
    await storeOwnBest(index, b.id);

    for (const listing of [a, b])
      expect(
        (await linksOfListing(db, listing.id)).find((link) => link.matchId === sharedId)?.status,
      ).toBe('closed');
  });

  it('reopens a retired proposal back among the best, but never one a swap was requested from', async () => {
    const { a, b } = await market();
    const index = await new MarketCache().get(db, reference, now());
    const stored = (await storeOwnBest(index, a.id)).find((match) =>
      match.listingIds.includes(b.id),
    )!;
    const statusSeenByA = async () =>
      (await linksOfListing(db, a.id)).find((link) => link.matchId === stored.id)?.status;

    // Both said yes, then it fell out of everyone's best for a while: back when it returns.
    const answered = stored.participants.map((p) => ({ ...p, interest: 'yes' as const }));
    await transactWrite(
      db,
      matchUpdateItems(db, { ...stored, status: 'closed', participants: answered }, stored.version),
    );
    await storeOwnBest(index, a.id);
    expect(await statusSeenByA()).toBe('proposed');

    // A swap was requested from it, then refused by a lessor: closed for good.
    const reopened = (await getMatches(db, [stored.id], { consistent: true }))[0]!;
    await transactWrite(
      db,
      matchUpdateItems(db, { ...reopened, status: 'closed', swapId: 'refused' }, reopened.version),
    );
    await storeOwnBest(index, a.id);
    await storeOwnBest(index, b.id);
    expect(await statusSeenByA()).toBe('closed');
  });
});

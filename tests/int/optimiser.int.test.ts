import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchPutAll } from '../../functions/lib/db/batch';
import type { Database } from '../../functions/lib/db/client';
import { listingItem } from '../../functions/lib/db/listings';
import { findMatch, linkedMatchesOf, matchIdOf } from '../../functions/lib/db/matches';
import { ENTITY, keys } from '../../functions/lib/db/model';
import { cachedReferenceData } from '../../functions/lib/db/reference';
import { runOptimiser } from '../../functions/scheduler/optimiser';
import { runPlanCheck } from '../../functions/scheduler/plan-check';
import { publishedListing } from '../../scripts/bench/market-loader';
import { listingInput } from '../support/factories';
import { publishListing, waitForMatch, type MatchBody } from '../support/market';
import { api, createOwnTable, dropOwnTable, stackDatabase } from '../support/stack';

const wants = (typology: string, quartier: string) => ({
  communes: ['97418'],
  quartiers: [quartier],
  typologies: [typology],
  maxTotalRent: 950,
  needs: {},
  features: [],
});

describe('nightly optimiser, through the API', () => {
  it('marks a chosen proposal "recommandée" and records its plan', async () => {
    const a = await publishListing({
      dwelling: {
        communeCode: '97418',
        quartierId: '97418-grande-montee',
        typology: 'T1',
        surface: 28,
        rent: 240,
        charges: 30,
        lessorId: 'SEMAC',
      },
      household: { adults: 1, children: 0 },
      wishes: wants('T6', '97418-la-ressource'),
    } as never);
    const b = await publishListing({
      dwelling: {
        communeCode: '97418',
        quartierId: '97418-la-ressource',
        typology: 'T6',
        surface: 118,
        rent: 820,
        charges: 90,
        lessorId: 'SEMAC',
      },
      household: { adults: 1, children: 0 },
      wishes: wants('T1', '97418-grande-montee'),
    } as never);
    const match = await waitForMatch(a, [a.listingId, b.listingId]);
    const db = stackDatabase();

    const report = await runOptimiser({ db, reference: cachedReferenceData(db) }, new Date());

    const after = (await (
      await api(`/matches/${match.id}`, { token: a.token })
    ).json()) as MatchBody & { recommended: boolean };
    expect(report.chosen).toBeGreaterThanOrEqual(1);
    expect(report.households).toBeGreaterThanOrEqual(2);
    expect(after.recommended).toBe(true);
  });
});

/** Two households of one commune who each want the other's dwelling (and nothing elsewhere). */
function pair(first: string, second: string, communeCode: string, quartiers: [string, string]) {
  const dwelling = (quartierId: string, typology: 'T2' | 'T4') => ({
    communeCode,
    quartierId,
    typology,
    surface: typology === 'T2' ? 45 : 80,
    rent: 400,
    charges: 40,
    lessorId: 'SHLMR',
  });
  const make = (id: string, own: ReturnType<typeof dwelling>, wanted: 'T2' | 'T4') => ({
    ...listingInput({
      dwelling: own,
      household: { adults: 1, children: wanted === 'T4' ? 1 : 0 },
      wishes: { communes: [communeCode], quartiers: [], typologies: [wanted], maxTotalRent: 900 },
    }),
    id,
    ownerId: `owner-${id}`,
  });
  return [
    make(first, dwelling(quartiers[0], 'T2'), 'T4'),
    make(second, dwelling(quartiers[1], 'T4'), 'T2'),
  ];
}

describe('nightly optimiser, over the whole market', () => {
  let own: Database;
  const now = new Date();
  const reference = cachedReferenceData(stackDatabase());

  beforeAll(async () => {
    own = await createOwnTable('optimiser');
  });
  afterAll(async () => {
    await dropOwnTable(own);
  });

  it('stores a chosen cycle that was never proposed, and never recommends a declined proposal', async () => {
    // Prepare: two pairs; the second pair's proposal was declined by one of them.
    const listings = [
      ...pair('plan-a', 'plan-b', '97420', ['97420-centre-ville', '97420-bagatelle']),
      ...pair('plan-c', 'plan-d', '97411', ['97411-le-chaudron', '97411-sainte-clotilde']),
    ].map((l) => publishedListing(l as never, now));
    await batchPutAll(
      own,
      listings.map((l) => listingItem(l, now)),
    );
    const declinedId = matchIdOf('plan-c|plan-d');
    const at = now.toISOString();
    await own.doc.send(
      new PutCommand({
        TableName: own.tableName,
        Item: {
          ...keys.match(declinedId),
          entity: ENTITY.match,
          id: declinedId,
          key: 'plan-c|plan-d',
          kind: '2-way',
          listingIds: ['plan-c', 'plan-d'],
          participants: [
            { listingId: 'plan-c', ownerId: 'owner-plan-c', interest: 'no' },
            { listingId: 'plan-d', ownerId: 'owner-plan-d', interest: 'pending' },
          ],
          status: 'declined',
          score: 50,
          explanations: {},
          createdAt: at,
          updatedAt: at,
          version: 2,
        },
      }),
    );
    await own.doc.send(
      new PutCommand({
        TableName: own.tableName,
        Item: {
          ...keys.matchLink('plan-c', declinedId),
          entity: ENTITY.matchLink,
          matchId: declinedId,
          listingId: 'plan-c',
          status: 'declined',
        },
      }),
    );

    // Act
    const report = await runOptimiser({ db: own, reference }, now);

    // Assess: the first pair is stored, explained to both and recommended; the declined one is left alone.
    const chosen = await findMatch(own, matchIdOf('plan-a|plan-b'));
    expect(chosen).toMatchObject({
      status: 'proposed',
      recommended: true,
      kind: '2-way',
      listingIds: ['plan-a', 'plan-b'],
    });
    expect(chosen?.participants.map((p) => [p.ownerId, p.interest])).toEqual([
      ['owner-plan-a', 'pending'],
      ['owner-plan-b', 'pending'],
    ]);
    expect(chosen?.explanations['plan-a']?.summary).toContain('T4');
    expect(chosen?.foundFor).toBeUndefined();
    // Both households find it among their proposals, which are read from each listing's links.
    for (const listingId of ['plan-a', 'plan-b'])
      expect((await linkedMatchesOf(own, listingId)).map((m) => [m.id, m.recommended])).toEqual([
        [chosen!.id, true],
      ]);
    const declined = await findMatch(own, declinedId);
    expect(declined).toMatchObject({ status: 'declined' });
    expect(declined?.recommended).toBeUndefined();
    expect(report).toMatchObject({
      listings: 4,
      excluded: 1,
      households: 2,
      bound: 2,
      stored: 1,
      marked: 1,
    });
    const { Item: plan } = await own.doc.send(
      new GetCommand({ TableName: own.tableName, Key: keys.recommendationPlan() }),
    );
    expect(plan).toMatchObject({
      households: 2,
      bound: 2,
      cycles: 1,
      twoWayCycles: 1,
      byCommune: [{ communeCode: '97420', households: 2, twoWay: 2, threeWay: 0 }],
    });

    // A check finds the plan intact and leaves it as it is.
    expect(await runPlanCheck({ db: own, reference }, now)).toEqual({ broken: 0, replanned: null });
  });
});

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchPutAll } from '../../functions/lib/db/batch';
import type { Database } from '../../functions/lib/db/client';
import { listingItem } from '../../functions/lib/db/listings';
import { findMatch, matchIdOf, matchesOfListing } from '../../functions/lib/db/matches';
import { ENTITY, keys } from '../../functions/lib/db/model';
import { cachedReferenceData } from '../../functions/lib/db/reference';
import { transactWrite } from '../../functions/lib/db/transact';
import {
  VACANCY_DAYS,
  vacancyChainLinks,
  vacancyCreatePut,
  type StoredVacancy,
} from '../../functions/lib/db/vacancies';
import { runOptimiser, type PlanChainStore } from '../../functions/scheduler/optimiser';
import { planChainStore } from '../../functions/scheduler/plan-chains';
import { publishedListing } from '../../scripts/bench/market-loader';
import type { VacancyCandidate } from '../../shared/matching/chains';
import type { PlanCycle } from '../../shared/matching/optimiser-column';
import { listingInput } from '../support/factories';
import { createOwnTable, dropOwnTable, stackDatabase } from '../support/stack';

/** A household of Sainte-Suzanne in a T2 wanting a T3 there, which no other listing offers. */
function upsizer(id: string) {
  return publishedListing(
    {
      ...listingInput({
        dwelling: {
          communeCode: '97420',
          quartierId: '97420-centre-ville',
          typology: 'T2',
          surface: 30,
          rent: 300,
          charges: 40,
        },
        household: { adults: 2, children: 2 },
        wishes: { communes: ['97420'], typologies: ['T3'], maxTotalRent: 700 },
      }),
      id,
      ownerId: `owner-${id}`,
    } as never,
    new Date(),
  );
}

const vacantT3: VacancyCandidate = {
  id: 'vac-1',
  dwelling: {
    lessorId: 'SIDR',
    dwellingRef: 'LGT-VAC-1',
    communeCode: '97420',
    quartierId: '97420-centre-ville',
    typology: 'T3',
    surface: 68,
    rent: 480,
    charges: 60,
    floor: 1,
    lift: false,
    accessible: false,
    financing: 'LLS',
    features: [],
  },
  priority: { overOccupiedOnly: true },
};

/** Stores each chain it is given as a proposal item, as the chains' storage does, and remembers them. */
function chainStore(db: Database, vacancies: VacancyCandidate[]) {
  const given: PlanCycle[] = [];
  const store: PlanChainStore = {
    openVacancies: () => Promise.resolve(vacancies),
    async storeChosen(chains, now) {
      given.push(...chains);
      for (const chain of chains) {
        const id = matchIdOf(chain.key);
        await db.doc.send(
          new PutCommand({
            TableName: db.tableName,
            Item: {
              ...keys.match(id),
              entity: ENTITY.match,
              id,
              key: chain.key,
              kind: 'chain',
              listingIds: chain.listingIds,
              status: 'proposed',
              createdAt: now.toISOString(),
              updatedAt: now.toISOString(),
              version: 1,
            },
          }),
        );
      }
      return chains.length;
    },
  };
  return { store, given };
}

describe('nightly optimiser with vacancies', () => {
  let own: Database;
  const now = new Date();
  const reference = cachedReferenceData(stackDatabase());

  beforeAll(async () => {
    own = await createOwnTable('optimiser-chains');
  });
  afterAll(async () => {
    await dropOwnTable(own);
  });

  it('chooses the chain of an open vacancy, hands it to the chains storage and records its household', async () => {
    // Prepare: one over-occupied household that no swap can serve, and a vacant T3 it accepts.
    await batchPutAll(own, [listingItem(upsizer('chain-a'), now)]);
    const { store, given } = chainStore(own, [vacantT3]);

    // Act
    const report = await runOptimiser({ db: own, reference, chains: store }, now);

    // Assess
    expect(given.map((c) => [c.key, c.vacancyId, c.size])).toEqual([['vac-1>chain-a', 'vac-1', 1]]);
    expect(report).toMatchObject({ listings: 1, chosen: 1, households: 1, bound: 1, stored: 1 });
    expect(await findMatch(own, matchIdOf('vac-1>chain-a'))).toMatchObject({ recommended: true });
    const { Item: plan } = await own.doc.send(
      new GetCommand({ TableName: own.tableName, Key: keys.recommendationPlan() }),
    );
    expect(plan).toMatchObject({
      households: 1,
      cycles: 0,
      chains: 1,
      byCommune: [{ communeCode: '97420', households: 1, twoWay: 0, threeWay: 0, chain: 1 }],
    });
  });

  it('never chooses again a chain a household declined', async () => {
    // Prepare: the same market, the chain already proposed and declined by its mover.
    const db = await createOwnTable('optimiser-declined-chain');
    await batchPutAll(db, [listingItem(upsizer('chain-b'), now)]);
    const id = matchIdOf('vac-1>chain-b');
    const at = now.toISOString();
    await batchPutAll(db, [
      {
        ...keys.match(id),
        entity: ENTITY.match,
        id,
        key: 'vac-1>chain-b',
        kind: 'chain',
        listingIds: ['chain-b'],
        status: 'declined',
        createdAt: at,
        updatedAt: at,
        version: 2,
      },
      {
        ...keys.matchLink('chain-b', id),
        entity: ENTITY.matchLink,
        matchId: id,
        listingId: 'chain-b',
        status: 'declined',
      },
    ]);
    const { store, given } = chainStore(db, [vacantT3]);

    // Act
    const report = await runOptimiser({ db, reference, chains: store }, now);

    // Assess
    expect(given).toEqual([]);
    expect(report).toMatchObject({ listings: 1, excluded: 1, chosen: 0, households: 0, stored: 0 });
    await dropOwnTable(db);
  });

  it('stores the chain it chooses from the table’s open vacancies, linked and recommended, once', async () => {
    // Prepare: the household, and the vacant T3 posted in the table (no stream: nobody else stores it).
    const db = await createOwnTable('optimiser-stored-chain');
    await batchPutAll(db, [listingItem(upsizer('chain-c'), now)]);
    const vacancy: StoredVacancy = {
      id: 'vac-c',
      lessorId: 'SIDR',
      dwelling: { ...vacantT3.dwelling, dwellingRef: 'LGT-VAC-C' },
      priority: vacantT3.priority,
      status: 'open',
      createdBy: 'agent-sidr',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + VACANCY_DAYS * 86_400_000).toISOString(),
      version: 1,
    };
    await transactWrite(db, [vacancyCreatePut(db, vacancy)]);
    const deps = { db, reference, chains: planChainStore(db, reference) };

    // Act: two nights in a row
    const first = await runOptimiser(deps, now);
    const second = await runOptimiser(deps, now);

    // Assess: stored the first night only, with the movers' links and the vacancy's link
    const id = matchIdOf('vac-c>chain-c');
    expect(first).toMatchObject({ chosen: 1, households: 1, stored: 1 });
    expect(second).toMatchObject({ chosen: 1, households: 1, stored: 0 });
    expect(await findMatch(db, id)).toMatchObject({
      kind: 'chain',
      status: 'proposed',
      recommended: true,
      listingIds: ['chain-c'],
      chain: { vacancyId: 'vac-c', released: { typology: 'T2' } },
      participants: [{ listingId: 'chain-c', ownerId: 'owner-chain-c', interest: 'pending' }],
    });
    expect((await matchesOfListing(db, 'chain-c')).map((m) => [m.id, m.recommended])).toEqual([
      [id, true],
    ]);
    expect((await vacancyChainLinks(db, 'vac-c')).map((link) => link.matchId)).toEqual([id]);
    await dropOwnTable(db);
  });
});

/**
 * What the chains cost the matcher per listing change, in DynamoDB requests, on tables of their
 * own: while no vacancy is open, nothing beyond what cycles cost; a vacancy posted is read once,
 * by key, by every instance, at its next catch-up of the market log (whichever shard saw it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchPutAll } from '../../functions/lib/db/batch';
import { createDatabase, type Database } from '../../functions/lib/db/client';
import { listingItem } from '../../functions/lib/db/listings';
import { matchesOfListing } from '../../functions/lib/db/matches';
import { transactWrite } from '../../functions/lib/db/transact';
import {
  VACANCY_DAYS,
  vacancyCreatePut,
  type StoredVacancy,
} from '../../functions/lib/db/vacancies';
import { ChainCache } from '../../functions/lib/matching/chain-cache';
import { MarketCache } from '../../functions/lib/matching/market-cache';
import { onVacancyChanged } from '../../functions/matcher/chains';
import { onListingChanged } from '../../functions/matcher/handler';
import { publishedListing } from '../../scripts/bench/market-loader';
import { seedReferenceData } from '../../shared/reference/index';
import type { Listing } from '../../shared/schemas/listing';
import { listingInput } from '../support/factories';
import { createOwnTable, dropOwnTable, stack } from '../support/stack';

const reference = async () => seedReferenceData;
const now = new Date();

/** A crowded household of Sainte-Suzanne in a T2, wanting a T4 there. */
function household(id: string): Listing {
  return publishedListing(
    {
      ...listingInput({
        dwelling: {
          communeCode: '97420',
          quartierId: '97420-bagatelle',
          typology: 'T2',
          surface: 35,
          rent: 350,
          charges: 40,
        },
        household: { adults: 2, children: 3 },
        wishes: { communes: ['97420'], quartiers: [], typologies: ['T4'], maxTotalRent: 900 },
      }),
      id,
      ownerId: `owner-${id}`,
    } as never,
    now,
  );
}

/** A matcher instance on `table`, with or without chains, whose requests are counted. */
function instance(table: Database, withChains: boolean) {
  const sent: string[] = [];
  const { dynamodbEndpoint, region } = stack();
  const db = createDatabase({ tableName: table.tableName, endpoint: dynamodbEndpoint, region });
  db.doc.middlewareStack.add(
    (next, context) => (args) => {
      // The command and what it reads: the item's or the query's partition, and the index queried.
      const input = args.input as {
        Key?: { pk?: string };
        ExpressionAttributeValues?: Record<string, unknown>;
        IndexName?: string;
      };
      const partition = input.Key?.pk ?? input.ExpressionAttributeValues?.[':pk'];
      sent.push(
        [String(context.commandName), partition, input.IndexName].filter(Boolean).join(' '),
      );
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const cache = new MarketCache();
  const chains = withChains ? new ChainCache() : undefined;
  if (chains) cache.observe(chains);
  const deps = { db, now: () => now, reference, cache, chains };
  return {
    sent,
    chains,
    /** A listing published: stored, then handled as its stream record; returns the requests sent. */
    async publish(listing: Listing): Promise<string[]> {
      await batchPutAll(table, [listingItem(listing, now)]);
      sent.length = 0;
      await onListingChanged(deps, undefined, listing);
      return [...sent];
    },
    /** A change of a stored listing, handled as its stream record; returns the requests sent. */
    async change(before: Listing, after: Listing): Promise<string[]> {
      await batchPutAll(table, [listingItem(after, now)]);
      sent.length = 0;
      await onListingChanged(deps, before, after);
      return [...sent];
    },
    async vacancyPosted(vacancy: StoredVacancy): Promise<void> {
      await onVacancyChanged({ ...deps, chains: chains! }, vacancy);
    },
  };
}

let withChains: Database;
let cyclesOnly: Database;

beforeAll(async () => {
  [withChains, cyclesOnly] = await Promise.all([
    createOwnTable('vacancy-reads'),
    createOwnTable('vacancy-reads-baseline'),
  ]);
});

afterAll(() => Promise.all([dropOwnTable(withChains), dropOwnTable(cyclesOnly)]));

describe('matcher requests for chains', () => {
  it('costs no request beyond the cycles’ while no vacancy is open, and reads a posted vacancy once', async () => {
    // Prepare: two instances on one table (two shards), and a matcher without chains on another
    const first = instance(withChains, true);
    const second = instance(withChains, true);
    const baseline = instance(cyclesOnly, false);
    await first.publish(household('h-1'));
    await baseline.publish(household('h-1'));

    // Act: a change with no vacancy open, on each
    const chainsCost = await first.publish(household('h-2'));
    const cyclesCost = await baseline.publish(household('h-2'));
    // …then a vacancy posted and seen by the second instance only, and a change on the first
    const vacancy: StoredVacancy = {
      id: 'vac-reads',
      lessorId: 'SIDR',
      dwelling: {
        lessorId: 'SIDR',
        dwellingRef: 'LGT-VAC-READS',
        communeCode: '97420',
        quartierId: '97420-centre-ville',
        typology: 'T4',
        surface: 80,
        rent: 560,
        charges: 70,
        floor: 1,
        lift: false,
        accessible: false,
        financing: 'LLS',
        features: [],
      },
      priority: {},
      status: 'open',
      createdBy: 'agent-sidr',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + VACANCY_DAYS * 86_400_000).toISOString(),
      version: 1,
    };
    await transactWrite(withChains, [vacancyCreatePut(withChains, vacancy)]);
    await second.vacancyPosted(vacancy);
    const afterPosting = await first.publish(household('h-3'));

    // Assess
    expect(chainsCost).toEqual(cyclesCost);
    const vacancyReads = (requests: string[]) =>
      requests.filter((r) => r.includes('VACANCY#') || r.endsWith('gsi2'));
    expect(vacancyReads(chainsCost)).toEqual([]);
    expect(vacancyReads(afterPosting)).toEqual(['GetItemCommand VACANCY#vac-reads']);
    expect(first.chains!.vacancy('vac-reads')).toMatchObject({ id: 'vac-reads' });
    const chains = (await matchesOfListing(withChains, 'h-3')).filter((m) => m.kind === 'chain');
    expect(chains.map((m) => m.key)).toContain('vac-reads>h-3');
  });

  it('sends nothing but its market-log entry for a renewal, and catches up at the next change that searches', async () => {
    // Prepare: another instance saw a publication meanwhile
    const first = instance(cyclesOnly, false);
    const other = instance(cyclesOnly, false);
    const listing = household('r-1');
    await first.publish(listing);
    await other.publish(household('r-2'));

    // Act
    const renewed = {
      ...listing,
      version: listing.version + 1,
      expiresAt: new Date(Date.parse(listing.expiresAt!) + 86_400_000).toISOString(),
    };
    const renewal = await first.change(listing, renewed);
    const edited = {
      ...renewed,
      version: renewed.version + 1,
      household: { adults: 2, children: 4 },
    };
    const edit = await first.change(renewed, edited);

    // Assess
    expect(renewal).toEqual(['PutItemCommand']);
    expect(edit).toContain('QueryCommand MARKETLOG');
  });
});

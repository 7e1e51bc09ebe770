/**
 * The nightly plan's Lambda bundle, exactly as `cdk synth` produces it: HiGHS's WebAssembly
 * module sits next to the code and loads from there, and the scheduled handler plans a market
 * on DynamoDB Local. The bundle reads its configuration when it is loaded, so the environment is
 * set first.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchPutAll } from '../../functions/lib/db/batch';
import type { Database } from '../../functions/lib/db/client';
import { listingItem } from '../../functions/lib/db/listings';
import { findMatch, matchIdOf } from '../../functions/lib/db/matches';
import { readReferenceData } from '../../functions/lib/db/reference';
import { loadReferenceData } from '../../functions/lib/db/reference-loader';
import type { OptimiserReport } from '../../functions/scheduler/optimiser';
import { synthesize } from '../../infra/test/synth';
import { publishedListing } from '../../scripts/bench/market-loader';
import { listingInput } from '../support/factories';
import { createOwnTable, dropOwnTable, stack, stackDatabase } from '../support/stack';

interface SchedulerBundle {
  optimiserHandler: (event: unknown, context: unknown) => Promise<OptimiserReport>;
}

let db: Database;
let bundleFile: string;

beforeAll(async () => {
  const { dynamodbEndpoint, region } = stack();
  db = await createOwnTable('plan-bundle');
  await loadReferenceData(db, await readReferenceData(stackDatabase()));
  bundleFile = synthesize().bundle('MatchOptimiser');
  Object.assign(process.env, {
    STAGE: 'test',
    AWS_REGION: region,
    TABLE_NAME: db.tableName,
    DYNAMODB_ENDPOINT: dynamodbEndpoint,
    SESSION_SECRET: 'plan-bundle-test-secret-plan-bundle-test-secret-01',
    LOG_LEVEL: 'error',
  });
}, 300_000);

afterAll(() => dropOwnTable(db));

describe('nightly plan bundle', () => {
  it('carries the solver’s WebAssembly beside its code and plans the market with it', async () => {
    // Prepare: two households of Saint-Denis who want each other's dwelling.
    const now = new Date();
    const make = (id: string, typology: 'T2' | 'T4', quartierId: string, wanted: 'T2' | 'T4') =>
      publishedListing(
        {
          ...listingInput({
            dwelling: {
              communeCode: '97411',
              quartierId,
              typology,
              surface: typology === 'T2' ? 45 : 80,
              rent: 400,
              charges: 40,
            },
            household: { adults: 1, children: wanted === 'T4' ? 1 : 0 },
            wishes: { communes: ['97411'], quartiers: [], typologies: [wanted], maxTotalRent: 900 },
          }),
          id,
          ownerId: `owner-${id}`,
        } as never,
        now,
      );
    await batchPutAll(
      db,
      [
        make('bundle-a', 'T2', '97411-le-chaudron', 'T4'),
        make('bundle-b', 'T4', '97411-sainte-clotilde', 'T2'),
      ].map((l) => listingItem(l, now)),
    );
    expect(existsSync(join(dirname(bundleFile), 'highs.wasm'))).toBe(true);

    // Act: Node's own loader, the bundle untouched, as on Lambda.
    const bundle = createRequire(import.meta.url)(bundleFile) as SchedulerBundle;
    const report = await bundle.optimiserHandler({ 'detail-type': 'Scheduled Event' }, {});

    // Assess
    expect(report).toMatchObject({ listings: 2, households: 2, bound: 2, stored: 1 });
    expect(await findMatch(db, matchIdOf('bundle-a|bundle-b'))).toMatchObject({
      recommended: true,
      status: 'proposed',
    });
  }, 120_000);
});

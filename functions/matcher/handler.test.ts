import { describe, expect, it } from 'vitest';
import type { Database } from '../lib/db/client';
import { ENTITY } from '../lib/db/model';
import { seedReferenceData } from '../../shared/reference/index';
import { streamRecord, unreachableDatabase } from '../../tests/support/stream-records';
import { createMatcher } from './handler';

const listing = (id: string) => ({
  entity: ENTITY.listing,
  id,
  ownerId: `owner-${id}`,
  status: 'published',
  version: 1,
});
const match = { entity: ENTITY.match, id: 'M1' };

describe('matcher partial batch failures', () => {
  it('reports the first listing change not matched and leaves the later ones for the retry', async () => {
    const matcherOn = (db: Database) =>
      createMatcher({ db, now: () => new Date(), reference: async () => seedReferenceData });
    const alone = unreachableDatabase();
    await matcherOn(alone.db)({ Records: [streamRecord('2', 'MODIFY', listing('L2'))] });
    const { db, requests } = unreachableDatabase();

    const response = await matcherOn(db)({
      Records: [
        streamRecord('1', 'INSERT', match),
        streamRecord('2', 'MODIFY', listing('L2')),
        streamRecord('3', 'MODIFY', listing('L3')),
      ],
    });

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(alone.requests()).toBeGreaterThan(0);
    expect(requests()).toBe(alone.requests());
  });
});

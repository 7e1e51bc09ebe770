/**
 * An erasure reads where the person's data lies first, then rewrites it; the matcher may store a
 * proposal through their listing in between. On a table of its own, so that the local stack's
 * stream runner does not act.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReferenceData } from '../../shared/reference/index';
import type { GeneratedListing } from '../../shared/market/generator';
import { OwnBestMemo } from '../../shared/matching/index';
import type { Database } from '../../functions/lib/db/client';
import { matchesOfListing } from '../../functions/lib/db/matches';
import { createUser } from '../../functions/lib/db/users';
import { MarketCache } from '../../functions/lib/matching/market-cache';
import { refillProposalsOf } from '../../functions/lib/matching/proposals';
import { footprintOf } from '../../functions/lib/retention/footprint';
import { pseudonymiseLateMatches } from '../../functions/lib/retention/personal-data';
import { loadMarket } from '../../scripts/bench/market-loader';
import { listingInput } from '../support/factories';
import { createOwnTable, dropOwnTable, uniqueEmail } from '../support/stack';

let db: Database;
const now = () => new Date();

beforeAll(async () => {
  db = await createOwnTable('late-proposals');
});

afterAll(() => dropOwnTable(db));

describe('erasure racing the matcher', () => {
  it('pseudonymises a proposal stored after the footprint was read', async () => {
    // Prepare: two tenants whose dwellings suit each other, nothing stored between them yet.
    const [person, other] = await Promise.all(
      [uniqueEmail('efface'), uniqueEmail('autre')].map((email) =>
        createUser(db, { email, role: 'tenant' }, now()),
      ),
    );
    const dwelling = (typology: string, surface: number, rent: number) => ({
      communeCode: '97420',
      quartierId: '97420-bagatelle',
      typology,
      surface,
      rent,
      charges: 40,
      lessorId: 'SHLMR',
    });
    const wants = (typology: string) => ({
      communes: ['97420'],
      quartiers: [],
      typologies: [typology],
      maxTotalRent: 900,
      needs: {},
      features: [],
    });
    const mine: GeneratedListing = {
      ...listingInput({
        dwelling: dwelling('T2', 48, 380),
        household: { adults: 2, children: 1 },
        wishes: wants('T4'),
      } as never),
      id: randomUUID(),
      ownerId: person!.id,
    };
    const theirs: GeneratedListing = {
      ...listingInput({
        dwelling: dwelling('T4', 80, 600),
        household: { adults: 1, children: 0 },
        motive: 'under_occupation',
        wishes: wants('T2'),
      } as never),
      id: randomUUID(),
      ownerId: other!.id,
    };
    await loadMarket(db, [mine, theirs]);
    const footprint = await footprintOf(db, person!, () => {
      throw new Error('no photos here');
    });
    expect(footprint.matches).toEqual([]);

    // Act: the matcher stores the proposal, then the erasure's last sweep runs.
    const index = await new MarketCache().get(db, async () => seedReferenceData, now());
    const stored = await refillProposalsOf({ db, now }, new OwnBestMemo(index, 10), theirs.id, {
      listingId: theirs.id,
      ...index.countsFor(theirs.id),
      computedAt: now().toISOString(),
    });
    await pseudonymiseLateMatches(db, footprint, { pseudonym: 'anonyme-test', now: now() });

    // Assess: stored through the person's listing, now without their id.
    expect(stored).toHaveLength(1);
    const [match] = await matchesOfListing(db, mine.id);
    expect(match?.participants.map((p) => p.ownerId)).toEqual(
      expect.arrayContaining(['anonyme-test', other!.id]),
    );
    expect(JSON.stringify(match)).not.toContain(person!.id);
  });
});

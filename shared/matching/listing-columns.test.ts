/**
 * The columns must answer exactly as the compiled listings they copy: the same acceptance and the
 * same move scores, to the last bit (a different rounding could change which cycles rank).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCandidate } from './candidate-factory';
import { Interner, acceptsWithinBucket, compileListing } from './compiled';
import { ListingColumns } from './listing-columns';
import { moveScore } from './score';

const candidateArb = (id: string) =>
  fc
    .record({
      owner: fc.integer({ min: 0, max: 2 }),
      quartier: fc.constantFrom('97411-a', '97411-b'),
      typology: fc.constantFrom('T1' as const, 'T2' as const, 'T3' as const, 'T5' as const),
      surface: fc.double({ min: 15, max: 120, noNaN: true }),
      rent: fc.double({ min: 200, max: 900, noNaN: true }),
      floor: fc.integer({ min: 0, max: 6 }),
      lift: fc.boolean(),
      accessible: fc.boolean(),
      features: fc.uniqueArray(
        fc.constantFrom('balcony' as const, 'garden' as const, 'parking' as const),
        { maxLength: 3 },
      ),
      occupants: fc.integer({ min: 1, max: 7 }),
      quartiers: fc.subarray(['97411-a', '97411-b']),
      maxTotalRent: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
      minSurface: fc.option(fc.integer({ min: 10, max: 100 }), { nil: undefined }),
      wanted: fc.uniqueArray(
        fc.constantFrom('balcony' as const, 'garden' as const, 'parking' as const),
        { maxLength: 3 },
      ),
      needs: fc.constantFrom(
        {},
        { accessible: true },
        { liftOrGroundFloor: true },
        { maxFloor: 2 },
      ),
    })
    .map((r) =>
      makeCandidate({
        id,
        ownerId: `u${r.owner}`,
        dwelling: {
          quartierId: r.quartier,
          typology: r.typology,
          surface: r.surface,
          rent: r.rent,
          charges: 40,
          floor: r.floor,
          lift: r.lift,
          accessible: r.accessible,
          features: r.features,
        },
        household: { adults: 1, children: r.occupants - 1 },
        wishes: {
          quartiers: r.quartiers,
          maxTotalRent: r.maxTotalRent,
          minSurface: r.minSurface,
          features: r.wanted,
          needs: r.needs,
        },
      }),
    );

describe('ListingColumns', () => {
  it('accept and score as the compiled listings do', () => {
    fc.assert(
      fc.property(fc.array(candidateArb('x'), { minLength: 2, maxLength: 6 }), (candidates) => {
        const interner = new Interner();
        const columns = new ListingColumns();
        const listings = candidates.map((c, i) => compileListing({ ...c, id: `L${i}` }, interner));
        listings.forEach((listing, slot) => columns.set(slot, listing));
        listings.forEach((a, slotA) =>
          listings.forEach((b, slotB) => {
            expect(columns.acceptsWithinBucket(slotA, slotB)).toBe(acceptsWithinBucket(a, b));
            expect(columns.moveScore(slotA, slotB)).toBe(moveScore(a, b));
          }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('keep the listings apart when a slot is reused after a wider set of columns', () => {
    const interner = new Interner();
    const columns = new ListingColumns();
    for (let slot = 0; slot < 3000; slot++)
      columns.set(
        slot,
        compileListing(
          makeCandidate({ id: `L${slot}`, dwelling: { surface: 20 + (slot % 50) } }),
          interner,
        ),
      );
    expect(columns.surface[2999]).toBe(20 + (2999 % 50));
    expect(columns.listingAt(1234).id).toBe('L1234');
    columns.clear(1234);
    expect(columns.listings[1234]).toBeUndefined();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AcceptanceGraph } from './acceptance-graph';
import { makeCandidate } from './candidate-factory';
import { Interner, acceptsCompiled, compileListing } from './compiled';
import type { CompiledListing } from './compiled';

const candidateArb = (id: string) =>
  fc
    .record({
      owner: fc.integer({ min: 0, max: 3 }),
      typology: fc.constantFrom('T2' as const, 'T3' as const, 'T4' as const),
      surface: fc.integer({ min: 30, max: 90 }),
      rent: fc.integer({ min: 300, max: 700 }),
      maxTotalRent: fc.option(fc.integer({ min: 350, max: 750 }), { nil: undefined }),
      typologies: fc.uniqueArray(fc.constantFrom('T2' as const, 'T3' as const, 'T4' as const), {
        minLength: 1,
        maxLength: 3,
      }),
    })
    .map((r) =>
      makeCandidate({
        id,
        ownerId: `u${r.owner}`,
        dwelling: { typology: r.typology, surface: r.surface, rent: r.rent, charges: 0 },
        wishes: { typologies: r.typologies, maxTotalRent: r.maxTotalRent },
      }),
    );

/** Listings added, then some removed and others added again, as the index sees them over time. */
const historyArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 11 }), fc.boolean()), {
  minLength: 1,
  maxLength: 40,
});

describe('AcceptanceGraph', () => {
  it('keeps who accepts whom, and each listing’s best accepted move at or above its every move, through adds and removes', () => {
    fc.assert(
      fc.property(
        fc.tuple(...Array.from({ length: 12 }, (_, i) => candidateArb(`L${i}`))),
        historyArb,
        (candidates, history) => {
          const interner = new Interner();
          const graph = new AcceptanceGraph();
          const present = new Map<string, CompiledListing>();
          for (const [i, add] of history) {
            const id = `L${i}`;
            if (add && !present.has(id)) {
              const listing = compileListing(
                candidates[i] as (typeof candidates)[number],
                interner,
              );
              graph.add(listing);
              present.set(id, listing);
            } else if (!add) {
              expect(graph.remove(id)).toBe(present.delete(id));
            }
          }
          for (const [id, a] of present) {
            const slot = graph.slotOf(id) as number;
            const accepted = [...graph.acceptedBy(slot)].map((b) => graph.listingAt(b).id).sort();
            expect(accepted).toEqual(
              [...present.values()]
                .filter((b) => acceptsCompiled(a, b))
                .map((b) => b.id)
                .sort(),
            );
            expect(graph.columns.acceptedCount[slot]).toBe(accepted.length);
            for (const b of graph.acceptedBy(slot))
              expect(graph.columns.moveScore(slot, b)).toBeLessThanOrEqual(
                graph.columns.bestAcceptedMove[slot] as number,
              );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('knows a listing’s best accepted move exactly while nothing it accepted has left', () => {
    const interner = new Interner();
    const graph = new AcceptanceGraph();
    const listings = [0, 1, 2, 3].map((i) =>
      compileListing(
        makeCandidate({ id: `L${i}`, dwelling: { surface: 60 + 5 * i, rent: 400 + 20 * i } }),
        interner,
      ),
    );
    listings.forEach((listing) => graph.add(listing));
    const moves = [...graph.acceptedBy(0)].map((b) => graph.columns.moveScore(0, b));
    expect(moves).toHaveLength(3);
    expect(graph.columns.bestAcceptedMove[0]).toBe(Math.max(...moves));
  });
});

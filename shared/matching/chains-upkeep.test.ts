/**
 * Chain upkeep against the brute force: after any sequence of changes, with each listing's bar
 * learnt at some earlier change or never, the listings refilled are exactly those whose own best
 * changed, plus at most the changed listing and the movers of the chains stored through the change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VacancyCandidate } from './chains';
import { listingArb, listingOf, stepArb, vacancyArb, vacancyOf } from './chains-arbitraries';
import { bruteForceChains } from './chains-brute-force';
import { ChainIndex } from './chains-index';
import { chainListingsToRefill, ChainOwnBest, type ChainChange } from './chains-upkeep';
import type { MatchCandidate } from './types';

/** Each listing's own best `k` (keys), from the brute force. */
function ownBestOf(
  market: Map<string, MatchCandidate>,
  vacant: Map<string, VacancyCandidate>,
  k: number,
): Map<string, string[]> {
  const all = bruteForceChains([...market.values()], [...vacant.values()]);
  return new Map(
    [...market.keys()].map((id) => [
      id,
      all
        .filter((chain) => chain.listingIds.includes(id))
        .slice(0, k)
        .map((chain) => chain.key),
    ]),
  );
}

describe('chain upkeep with bars', () => {
  it('refills exactly the listings whose own best changed, and few more', () => {
    const seen = { changed: 0, refilled: 0, skippedByBar: 0 };
    fc.assert(
      fc.property(
        fc.array(listingArb, { minLength: 3, maxLength: 12 }),
        fc.array(vacancyArb, { minLength: 1, maxLength: 3 }),
        fc.array(stepArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (listings, vacancies, steps, k, learnt) => {
          // Prepare: the market, and some listings' bars learnt (as after their last refill)
          const index = new ChainIndex();
          const market = new Map<string, MatchCandidate>();
          const vacant = new Map<string, VacancyCandidate>();
          let next = 0;
          for (const r of vacancies) {
            const v = vacancyOf(`V${next++}`, r);
            vacant.set(v.id, v);
            index.upsertVacancy(v);
          }
          for (const [i, r] of listings.entries()) {
            const l = listingOf(`L${next++}`, r);
            market.set(l.id, l);
            index.upsertListing(l);
            if (learnt[i]) index.ownBestChains(l.id, k);
          }
          for (const step of steps) {
            const before = ownBestOf(market, vacant, k);
            const stored = new Set([...before.values()].flat());
            const pool = step.on === 'listing' ? [...market.keys()] : [...vacant.keys()];
            const id =
              pool.length > 0 && step.target % 2 === 0
                ? (pool[step.target % pool.length] as string)
                : `${step.on === 'listing' ? 'L' : 'V'}${next++}`;
            const through = (key: string) => key.split('>').includes(id);
            const storedMovers = new Set(
              [...stored].filter(through).flatMap((key) => key.split('>').slice(1)),
            );

            // Act
            let change: ChainChange;
            if (step.on === 'listing') {
              change = { listingId: id };
              if (step.remove) {
                market.delete(id);
                index.removeListing(id);
              } else {
                const l = listingOf(id, step.make);
                market.set(id, l);
                index.upsertListing(l);
              }
            } else {
              change = { vacancyId: id };
              if (step.remove) {
                vacant.delete(id);
                index.removeVacancy(id);
              } else {
                const v = vacancyOf(id, step.make);
                vacant.set(id, v);
                index.upsertVacancy(v);
              }
            }
            const own = new ChainOwnBest(index, k);
            const refill = new Set(chainListingsToRefill(own, change, storedMovers));
            // The matcher searches each refilled listing's own best: so bars are learnt.
            for (const listingId of refill) own.of(listingId);

            // Assess
            const after = ownBestOf(market, vacant, k);
            const changed = [...after.keys()].filter(
              (listingId) => before.get(listingId)?.join() !== after.get(listingId)?.join(),
            );
            for (const listingId of changed) expect(refill).toContain(listingId);
            const allowed = new Set([...changed, id, ...storedMovers]);
            for (const listingId of refill) expect(allowed).toContain(listingId);
            for (const listingId of refill)
              expect(own.of(listingId).map((c) => c.key)).toEqual(after.get(listingId));
            seen.changed += changed.length;
            seen.refilled += refill.size;
            seen.skippedByBar += market.size - refill.size;
          }
        },
      ),
      { numRuns: 150 },
    );
    // Changes reach other listings' best often enough for the comparison to mean something.
    expect(seen.changed).toBeGreaterThan(200);
  });

  it('bounds from above how well each listing’s chains of a vacancy rank', () => {
    fc.assert(
      fc.property(
        fc.array(listingArb, { minLength: 3, maxLength: 12 }),
        vacancyArb,
        (listings, draw) => {
          // Prepare
          const index = new ChainIndex();
          const market = listings.map((r, i) => listingOf(`L${i}`, r));
          for (const l of market) index.upsertListing(l);
          const vacancy = vacancyOf('V', draw);
          index.upsertVacancy(vacancy);
          // Act
          const bounds = index.chainBoundsOfVacancy('V');
          // Assess: every chain of the vacancy ranks at best as its movers' bounds
          for (const chain of bruteForceChains(market, [vacancy]))
            for (const id of chain.listingIds) {
              const bound = bounds.get(id);
              expect(bound).toBeDefined();
              expect(bound!.tier).toBeGreaterThanOrEqual(chain.tier);
              if (bound!.tier === chain.tier)
                expect(bound!.score).toBeGreaterThanOrEqual(chain.score);
            }
        },
      ),
      { numRuns: 150 },
    );
  });
});

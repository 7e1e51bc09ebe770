/**
 * Chains against the brute force on small dense markets: every chain of each vacancy, every chain
 * through each listing and each listing's own best K, after any sequence of changes to listings
 * and vacancies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCandidate } from './candidate-factory';
import {
  type ChainRecord,
  type VacancyCandidate,
  acceptsVacancy,
  chainScore,
  compareChains,
  isValidChain,
  parseChainKey,
} from './chains';
import { listingArb, listingOf, stepArb, vacancyArb, vacancyOf } from './chains-arbitraries';
import { bruteForceChains } from './chains-brute-force';
import { ChainIndex } from './chains-index';
import type { MatchCandidate } from './types';

function keys(chains: readonly { key: string }[]): string[] {
  return chains.map((c) => c.key);
}

describe('ChainIndex against the brute force', () => {
  it('finds every chain of each vacancy and through each listing, ranked, after any changes', () => {
    const seen = { chains: 0, threeMovers: 0 };
    fc.assert(
      fc.property(
        fc.array(listingArb, { minLength: 3, maxLength: 12 }),
        fc.array(vacancyArb, { minLength: 1, maxLength: 3 }),
        fc.array(stepArb, { maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        (listings, vacancies, steps, k) => {
          // Prepare
          const index = new ChainIndex();
          const market = new Map<string, MatchCandidate>();
          const vacant = new Map<string, VacancyCandidate>();
          let next = 0;
          for (const r of listings) {
            const l = listingOf(`L${next++}`, r);
            market.set(l.id, l);
            index.upsertListing(l);
          }
          for (const r of vacancies) {
            const v = vacancyOf(`V${next++}`, r);
            vacant.set(v.id, v);
            index.upsertVacancy(v);
          }
          // Act
          for (const step of steps) {
            const pool = step.on === 'listing' ? [...market.keys()] : [...vacant.keys()];
            const id =
              pool.length > 0 && step.target % 2 === 0
                ? (pool[step.target % pool.length] as string)
                : `${step.on === 'listing' ? 'L' : 'V'}${next++}`;
            if (step.on === 'listing') {
              if (step.remove) {
                market.delete(id);
                index.removeListing(id);
              } else {
                const l = listingOf(id, step.make);
                market.set(id, l);
                index.upsertListing(l);
              }
            } else if (step.remove) {
              vacant.delete(id);
              index.removeVacancy(id);
            } else {
              const v = vacancyOf(id, step.make);
              vacant.set(id, v);
              index.upsertVacancy(v);
            }
          }
          // Assess
          const all = bruteForceChains([...market.values()], [...vacant.values()]);
          seen.chains += all.length;
          seen.threeMovers += all.filter((c) => c.size === 3).length;
          for (const v of vacant.keys()) {
            const ofVacancy = all.filter((c) => c.vacancyId === v);
            expect(keys(index.chainsOfVacancy(v))).toEqual(keys(ofVacancy));
            const participants = index.participantsOfVacancy(v);
            for (const id of ofVacancy.flatMap((c) => c.listingIds))
              expect(participants.has(id)).toBe(true);
          }
          for (const l of market.keys()) {
            const through = all.filter((c) => c.listingIds.includes(l));
            expect(index.chainsThrough(l)).toEqual(through);
            expect(keys(index.ownBestChains(l, k))).toEqual(keys(through.slice(0, k)));
            const neighbours = index.chainNeighboursOf(l);
            for (const id of through.flatMap((c) => c.listingIds))
              if (id !== l) expect(neighbours.has(id)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
    // The markets are dense enough that the comparison is about real chains of every length.
    expect(seen.threeMovers).toBeGreaterThan(100);
  });

  it('checks every brute-force chain with the rules from scratch', () => {
    fc.assert(
      fc.property(
        fc.array(listingArb, { minLength: 3, maxLength: 10 }),
        vacancyArb,
        (listings, vacancy) => {
          const market = listings.map((r, i) => listingOf(`L${i}`, r));
          const v = vacancyOf('V', vacancy);
          const byId = new Map(market.map((l) => [l.id, l]));
          for (const chain of bruteForceChains(market, [v])) {
            const movers = parseChainKey(chain.key).listingIds.map(
              (id) => byId.get(id) as MatchCandidate,
            );
            expect(isValidChain(v, movers)).toBe(true);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('vacancy priority', () => {
  const vacancy: VacancyCandidate = {
    id: 'V',
    dwelling: {
      lessorId: 'SIDR',
      communeCode: '97411',
      quartierId: '97411-sainte-clotilde',
      typology: 'T4',
      surface: 80,
      rent: 500,
      charges: 60,
      floor: 0,
      lift: false,
      accessible: true,
      financing: 'LLS',
      features: [],
    },
    priority: {},
  };
  const crowded = makeCandidate({
    id: 'A',
    dwelling: { surface: 30 },
    household: { adults: 2, children: 3 },
    wishes: { typologies: ['T4'] },
  });
  const roomy = makeCandidate({ id: 'B', wishes: { typologies: ['T4'] } });

  it('admits only an over-occupied first mover when the vacancy asks for it', () => {
    const strict = { ...vacancy, priority: { overOccupiedOnly: true } };
    expect([acceptsVacancy(crowded, strict), acceptsVacancy(roomy, strict)]).toEqual([true, false]);
    expect(acceptsVacancy(roomy, vacancy)).toBe(true);
  });

  it('ranks a chain started by a household needing accessibility before a better-scored one', () => {
    // Prepare
    const needing = makeCandidate({
      id: 'N',
      dwelling: { surface: 90 },
      wishes: { typologies: ['T4'], needs: { accessible: true } },
    });
    const index = new ChainIndex();
    index.upsertListing(roomy);
    index.upsertListing(needing);
    index.upsertVacancy({ ...vacancy, priority: { accessibleNeedsFirst: true } });
    // Act
    const chains = index.chainsOfVacancy('V').filter((c) => c.size === 1);
    // Assess
    expect(chains.map((c) => c.listingIds[0])).toEqual(['N', 'B']);
    expect((chains[0]?.score ?? 0) < (chains[1]?.score ?? 0)).toBe(true);
    expect(compareChains(chains[0] as ChainRecord, chains[1] as ChainRecord)).toBeLessThan(0);
  });

  it('scores three movers below two of the same moves mean', () => {
    expect(chainScore([80, 80, 80])).toBe(75);
    expect(chainScore([80, 80])).toBe(80);
    expect(chainScore([80])).toBe(80);
  });
});

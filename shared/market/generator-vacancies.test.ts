import { describe, expect, it } from 'vitest';
import { dwellingSchema } from '../schemas/listing';
import { generateMarket } from './generator';

describe('generateMarket with vacancies', () => {
  const options = { size: 4000, seed: 3, density: 'broad', region: 'cinor' } as const;
  const market = generateMarket({ ...options, vacancyShare: 0.03 });

  it('posts the share asked for, the same for a seed, and leaves the listings as they were', () => {
    expect(market.vacancies).toHaveLength(120);
    expect(generateMarket({ ...options, vacancyShare: 0.03 }).vacancies).toEqual(market.vacancies);
    expect(generateMarket({ ...options, seed: 4, vacancyShare: 0.03 }).vacancies).not.toEqual(
      market.vacancies,
    );
    expect(market.listings).toEqual(generateMarket(options).listings);
    expect(generateMarket(options).vacancies).toEqual([]);
  });

  it('gives valid dwellings without tenancy, ids of their own, priorities only where they apply', () => {
    for (const vacancy of market.vacancies) {
      expect(dwellingSchema.parse({ ...vacancy.dwelling, tenancyRef: 'x' })).toEqual({
        ...vacancy.dwelling,
        tenancyRef: 'x',
      });
      expect(vacancy.dwelling).not.toHaveProperty('tenancyRef');
      if (vacancy.priority.accessibleNeedsFirst === true)
        expect(vacancy.dwelling.accessible).toBe(true);
    }
    expect(new Set(market.vacancies.map((v) => v.id)).size).toBe(market.vacancies.length);
    expect(market.vacancies.some((v) => v.priority.overOccupiedOnly === true)).toBe(true);
  });

  it('draws from the typology mix of the market', () => {
    const many = generateMarket({ ...options, size: 20_000, vacancyShare: 0.1 }).vacancies;
    const t3 = many.filter((v) => v.dwelling.typology === 'T3').length / many.length;
    const t1 = many.filter((v) => v.dwelling.typology === 'T1').length / many.length;
    expect(t3).toBeGreaterThan(0.33);
    expect(t3).toBeLessThan(0.43);
    expect(t1).toBeGreaterThan(0.03);
    expect(t1).toBeLessThan(0.09);
  });
});

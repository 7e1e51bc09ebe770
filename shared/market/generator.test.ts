import { describe, expect, it } from 'vitest';
import { listingInputSchema } from '../schemas/listing';
import { seedReferenceData } from '../reference/index';
import { generateMarket } from './generator';

describe('generateMarket', () => {
  const market = generateMarket({ size: 2000, seed: 7, density: 'broad', region: 'cinor' });

  it('is deterministic for a seed', () => {
    expect(
      generateMarket({ size: 2000, seed: 7, density: 'broad', region: 'cinor' }).listings,
    ).toEqual(market.listings);
    expect(
      generateMarket({ size: 2000, seed: 8, density: 'broad', region: 'cinor' }).listings,
    ).not.toEqual(market.listings);
  });

  it('produces valid listing inputs with known motives and quartiers of their commune', () => {
    const motives = new Set(seedReferenceData.motives.map((m) => m.id));
    const quartiers = new Map(market.quartiers.map((q) => [q.id, q.communeCode]));
    for (const listing of market.listings.slice(0, 300)) {
      const { id: _id, ownerId: _owner, ...input } = listing;
      expect(listingInputSchema.parse(input)).toEqual(input);
      expect(motives.has(listing.motive)).toBe(true);
      expect(quartiers.get(listing.dwelling.quartierId)).toBe(listing.dwelling.communeCode);
    }
  });

  it('follows the CINOR calibration: typology mix, Saint-Denis share, upsizing wishes', () => {
    const share = (predicate: (l: (typeof market.listings)[number]) => boolean) =>
      market.listings.filter(predicate).length / market.listings.length;
    expect(share((l) => l.dwelling.typology === 'T3')).toBeGreaterThan(0.33);
    expect(share((l) => l.dwelling.typology === 'T3')).toBeLessThan(0.42);
    expect(share((l) => l.dwelling.communeCode === '97411')).toBeGreaterThan(0.75);
    const rooms = (t: string) => Number(t.slice(1));
    const bigger = share(
      (l) => Math.min(...l.wishes.typologies.map(rooms)) > rooms(l.dwelling.typology),
    );
    const smaller = share(
      (l) => Math.max(...l.wishes.typologies.map(rooms)) < rooms(l.dwelling.typology),
    );
    expect(bigger / smaller).toBeGreaterThan(2);
    expect(
      market.listings
        .filter((l) => l.household.children > 0)
        .every((l) => l.wishes.typologies.every((t) => rooms(t) >= 3)),
    ).toBe(true);
  });

  it('narrows wishes to one typology and one or two quartiers', () => {
    const narrow = generateMarket({ size: 200, seed: 1, density: 'narrow', region: 'cinor' });
    for (const l of narrow.listings) {
      expect(l.wishes.typologies).toHaveLength(1);
      expect(l.wishes.quartiers.length).toBeGreaterThanOrEqual(1);
      expect(l.wishes.quartiers.length).toBeLessThanOrEqual(2);
    }
  });

  it('spreads the 100-commune region over synthetic codes', () => {
    const region = generateMarket({ size: 3000, seed: 1, density: 'broad', region: 'region100' });
    expect(new Set(region.listings.map((l) => l.dwelling.communeCode)).size).toBeGreaterThan(90);
  });
});

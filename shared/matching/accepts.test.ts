import { describe, expect, it } from 'vitest';
import { accepts, failedRules } from './accepts';
import { makeCandidate } from './candidate-factory';
import { isUnderOccupied, occupancyMinSurface } from './occupancy';

describe('occupancyMinSurface', () => {
  it.each([
    [1, 9],
    [2, 16],
    [3, 25],
    [4, 34],
    [5, 43],
    [6, 52],
    [7, 61],
    [8, 70],
    [9, 70],
    [12, 70],
  ])('%i occupant(s) need %i m²', (occupants, surface) => {
    expect(occupancyMinSurface(occupants)).toBe(surface);
  });
});

describe('isUnderOccupied', () => {
  it('counts rooms beyond occupants + 1', () => {
    expect(isUnderOccupied({ adults: 1, children: 0 }, { typology: 'T2' })).toBe(false);
    expect(isUnderOccupied({ adults: 1, children: 0 }, { typology: 'T3' })).toBe(true);
    expect(isUnderOccupied({ adults: 2, children: 1 }, { typology: 'T4' })).toBe(false);
  });
});

describe('accepts', () => {
  const home = (dwelling: Parameters<typeof makeCandidate>[0] = {}) =>
    makeCandidate({ id: 'B', ...dwelling });

  it('accepts a dwelling meeting every wish', () => {
    expect(failedRules(makeCandidate({ id: 'A' }), home())).toEqual([]);
  });

  it('never accepts itself nor a listing of the same owner', () => {
    const a = makeCandidate({ id: 'A', ownerId: 'u1' });
    expect(failedRules(a, a)).toContain('same_listing');
    expect(failedRules(a, makeCandidate({ id: 'B', ownerId: 'u1' }))).toEqual(['same_owner']);
  });

  it('needs the commune and the typology wished', () => {
    const a = makeCandidate({ id: 'A' });
    expect(
      failedRules(a, home({ dwelling: { communeCode: '97418', quartierId: '97418-la-montagne' } })),
    ).toEqual(['commune']);
    expect(failedRules(a, home({ dwelling: { typology: 'T2', surface: 45 } }))).toEqual([
      'typology',
    ]);
  });

  it('treats empty quartiers as any quartier, otherwise needs one of them', () => {
    const b = home({ dwelling: { quartierId: '97411-le-moufia' } });
    expect(accepts(makeCandidate({ id: 'A', wishes: { quartiers: [] } }), b)).toBe(true);
    expect(accepts(makeCandidate({ id: 'A', wishes: { quartiers: ['97411-le-moufia'] } }), b)).toBe(
      true,
    );
    expect(
      failedRules(makeCandidate({ id: 'A', wishes: { quartiers: ['97411-prima'] } }), b),
    ).toEqual(['quartier']);
  });

  it('accepts a total rent equal to the maximum, not one euro more', () => {
    const b = home({ dwelling: { rent: 450, charges: 60 } });
    expect(accepts(makeCandidate({ id: 'A', wishes: { maxTotalRent: 510 } }), b)).toBe(true);
    expect(failedRules(makeCandidate({ id: 'A', wishes: { maxTotalRent: 509 } }), b)).toEqual([
      'rent',
    ]);
  });

  it('needs the minimum surface when set', () => {
    const b = home({ dwelling: { surface: 65 } });
    expect(accepts(makeCandidate({ id: 'A', wishes: { minSurface: 65 } }), b)).toBe(true);
    expect(failedRules(makeCandidate({ id: 'A', wishes: { minSurface: 66 } }), b)).toEqual([
      'surface',
    ]);
  });

  it('meets needs: accessibility, lift or ground floor, maximum floor', () => {
    const a = (needs: object) => makeCandidate({ id: 'A', wishes: { needs } });
    expect(failedRules(a({ accessible: true }), home())).toEqual(['accessible']);
    expect(accepts(a({ accessible: true }), home({ dwelling: { accessible: true } }))).toBe(true);
    expect(
      failedRules(a({ liftOrGroundFloor: true }), home({ dwelling: { floor: 2, lift: false } })),
    ).toEqual(['lift_or_ground_floor']);
    expect(
      accepts(a({ liftOrGroundFloor: true }), home({ dwelling: { floor: 2, lift: true } })),
    ).toBe(true);
    expect(accepts(a({ liftOrGroundFloor: true }), home({ dwelling: { floor: 0 } }))).toBe(true);
    expect(accepts(a({ maxFloor: 2 }), home({ dwelling: { floor: 2 } }))).toBe(true);
    expect(failedRules(a({ maxFloor: 2 }), home({ dwelling: { floor: 3 } }))).toEqual([
      'max_floor',
    ]);
  });

  it('refuses over-occupation at the norm boundary (3 occupants need 25 m²)', () => {
    const a = makeCandidate({
      id: 'A',
      household: { adults: 2, children: 1 },
      wishes: { typologies: ['T1'] },
    });
    expect(accepts(a, home({ dwelling: { typology: 'T1', surface: 25 } }))).toBe(true);
    expect(failedRules(a, home({ dwelling: { typology: 'T1', surface: 24 } }))).toEqual([
      'over_occupation',
    ]);
  });

  it('caps the norm at 70 m² from 8 occupants', () => {
    const a = makeCandidate({
      id: 'A',
      household: { adults: 2, children: 8 },
      wishes: { typologies: ['T5'] },
    });
    expect(accepts(a, home({ dwelling: { typology: 'T5', surface: 70 } }))).toBe(true);
    expect(failedRules(a, home({ dwelling: { typology: 'T5', surface: 69 } }))).toEqual([
      'over_occupation',
    ]);
  });

  it('does not block on wanted features nor on under-occupation', () => {
    const a = makeCandidate({
      id: 'A',
      household: { adults: 1, children: 0 },
      wishes: { features: ['garden'], typologies: ['T4'] },
    });
    expect(accepts(a, home({ dwelling: { typology: 'T4', surface: 80 } }))).toBe(true);
  });
});

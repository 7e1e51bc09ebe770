import { describe, expect, it } from 'vitest';
import { listingInputSchema } from '$shared/schemas/listing';
import { seedReferenceData } from '$shared/reference/index';
import { draftFromListing, emptyDraft, inputFromDraft, parseNumber } from './draft';

const filledDraft = () => {
  const draft = emptyDraft();
  Object.assign(draft.dwelling, {
    lessorId: 'SIDR',
    tenancyRef: 'B-1',
    dwellingRef: 'L-1',
    communeCode: '97411',
    quartierId: '97411-le-chaudron',
    typology: 'T3',
    surface: '65,5',
    rent: '480',
    charges: '60',
    floor: '0',
    lift: false,
    accessible: true,
    financing: 'LLS',
  });
  draft.motive = 'work';
  draft.wishes.communes = ['97418'];
  draft.wishes.typologies = ['T4'];
  return draft;
};

describe('parseNumber', () => {
  it('reads French decimals and spaces, and empty as undefined', () => {
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('1 200 €')).toBe(1200);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('abc')).toBeNaN();
  });
});

describe('inputFromDraft', () => {
  it('builds a body the API schema accepts, without empty optional fields', () => {
    const input = inputFromDraft(filledDraft(), seedReferenceData.quartiers);

    expect(listingInputSchema.safeParse(input).success).toBe(true);
    expect(input.dwelling.surface).toBe(65.5);
    expect(input.household).toEqual({ adults: 1, children: 0 });
    expect(input.wishes.needs).toEqual({});
  });

  it('drops wished quartiers of a commune that is no longer wished', () => {
    const draft = filledDraft();
    draft.wishes.quartiers = ['97411-le-chaudron'];

    expect(inputFromDraft(draft, seedReferenceData.quartiers).wishes.quartiers).toEqual([]);
  });

  it('round-trips through draftFromListing', () => {
    const input = inputFromDraft(filledDraft(), seedReferenceData.quartiers);

    expect(inputFromDraft(draftFromListing(input), seedReferenceData.quartiers)).toEqual(input);
  });
});

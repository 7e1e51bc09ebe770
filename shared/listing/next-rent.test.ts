import { describe, expect, it } from 'vitest';
import { nextRentDiffers, nextTotalRentOf, todayTotalRentOf } from './next-rent';

describe('nextTotalRentOf', () => {
  const dwelling = { rent: 480, charges: 60 };

  it('is today’s rent and charges when the lessor stated nothing', () => {
    expect(nextTotalRentOf({ dwelling })).toBe(540);
    expect(nextRentDiffers({ dwelling })).toBe(false);
  });

  it('takes the lessor’s rent and charges, each falling back to today’s alone', () => {
    expect(nextTotalRentOf({ dwelling, nextRent: 520, nextCharges: 70 })).toBe(590);
    expect(nextTotalRentOf({ dwelling, nextRent: 520 })).toBe(580);
    expect(nextTotalRentOf({ dwelling, nextCharges: 40 })).toBe(520);
    expect(todayTotalRentOf({ dwelling })).toBe(540);
  });

  it('says the rent differs only when the total changes', () => {
    expect(nextRentDiffers({ dwelling, nextRent: 500, nextCharges: 40 })).toBe(false);
    expect(nextRentDiffers({ dwelling, nextRent: 500 })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { ListingView } from '$shared/schemas/listing-views';
import { canRenewNow, currentListing } from './current';

const now = new Date('2025-06-01T00:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();

describe('canRenewNow', () => {
  it('offers renewal from 30 days before expiry, and once expired', () => {
    expect(canRenewNow({ status: 'published', expiresAt: inDays(31) }, now)).toBe(false);
    expect(canRenewNow({ status: 'published', expiresAt: inDays(30) }, now)).toBe(true);
    expect(canRenewNow({ status: 'expired', expiresAt: inDays(-2) }, now)).toBe(true);
    expect(canRenewNow({ status: 'draft' }, now)).toBe(false);
  });
});

describe('currentListing', () => {
  it('skips withdrawn listings', () => {
    const listings = [
      { id: 'a', status: 'withdrawn' },
      { id: 'b', status: 'published' },
    ] as ListingView[];

    expect(currentListing(listings)?.id).toBe('b');
    expect(currentListing([listings[0]!])).toBeNull();
  });
});

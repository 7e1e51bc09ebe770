import { describe, expect, it } from 'vitest';
import type { MatchView } from '$lib/services/matches';
import { offeredListingId } from './offered-listing';

const match = (ids: string[], me: string) =>
  ({
    participants: ids.map((listingId) => ({ listingId, isMe: listingId === me })),
  }) as unknown as MatchView;

describe('offeredListingId', () => {
  it('is the next participant’s listing, round the chain', () => {
    expect(offeredListingId(match(['a', 'b', 'c'], 'a'))).toBe('b');
    expect(offeredListingId(match(['a', 'b', 'c'], 'c'))).toBe('a');
    expect(offeredListingId(match(['a', 'b'], 'b'))).toBe('a');
  });

  it('is undefined for someone outside the proposal', () => {
    expect(offeredListingId(match(['a', 'b'], 'z'))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Listing } from '../../../shared/schemas/listing';
import type { Swap } from '../../../shared/swap/lifecycle';
import type { Database } from './client';
import { PERSONAL_DATA_RETENTION_DAYS, listingItem } from './listings';
import { SETTLED_SWAP_RETENTION_DAYS, swapCreatePut } from './swaps';

const db = { tableName: 't' } as Database;
const completedAt = '2027-05-01T08:00:00.000Z';
const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

const listing = (status: Listing['status']) =>
  ({
    id: 'L1',
    ownerId: 'U1',
    status,
    verification: 'verified',
    dwelling: { lessorId: 'SIDR', communeCode: '97411', typology: 'T3', features: [] },
    household: { adults: 1, children: 0 },
    wishes: { communes: [], quartiers: [], typologies: [], needs: {}, features: [] },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: completedAt,
    version: 3,
  }) as unknown as Listing;

describe('retention periods written on items', () => {
  it('deletes an exchanged listing 12 months after the swap completed', () => {
    expect(listingItem(listing('exchanged'), new Date(completedAt)).ttl).toBe(
      seconds(completedAt) + PERSONAL_DATA_RETENTION_DAYS * 86_400,
    );
  });

  it('keeps an active listing without expiry', () => {
    for (const status of ['draft', 'published', 'engaged', 'suspended'] as const)
      expect(listingItem(listing(status), new Date(completedAt)).ttl).toBeUndefined();
  });

  it('keeps a settled swap for its legal period only, an active one without expiry', () => {
    const swap = (status: Swap['status']) =>
      ({
        id: 'S1',
        status,
        participants: [],
        reviews: [],
        createdAt: completedAt,
        updatedAt: completedAt,
        version: 1,
      }) as unknown as Swap;
    for (const status of ['completed', 'refused', 'cancelled'] as const) {
      expect(swapCreatePut(db, swap(status)).Put!.Item!.ttl).toBe(
        seconds(completedAt) + SETTLED_SWAP_RETENTION_DAYS * 86_400,
      );
    }
    for (const status of ['awaiting_confirmations', 'under_review', 'approved'] as const)
      expect(swapCreatePut(db, swap(status)).Put!.Item!.ttl).toBeUndefined();
  });
});

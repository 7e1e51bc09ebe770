/**
 * A synthetic year of the bourse for the statistics benchmark: listings from the market generator
 * published across the year (some withdrawn, expired or exchanged), 2- and 3-way matches, and
 * swaps in every status, with refused reviews. Seeded: the same options give the same items.
 */
import { ENTITY, itemOf, keys } from '../../functions/lib/db/model';
import { generateMarket } from '../../shared/market/generator';
import { createRandom } from '../../shared/market/prng';

const YEAR_START = Date.parse('2026-01-01T00:00:00.000Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const REASONS = [
  'rent_arrears',
  'income_above_ceiling',
  'household_unsuited',
  'incomplete_file',
  'other',
] as const;

export interface SyntheticYear {
  listings: Record<string, unknown>[];
  matches: Record<string, unknown>[];
  swaps: Record<string, unknown>[];
  reviews: Record<string, unknown>[];
}

export function syntheticYear(options: {
  listings: number;
  matches: number;
  swaps: number;
  seed: number;
}): SyntheticYear {
  const random = createRandom(options.seed);
  const day = (from = 0, span = 365) =>
    YEAR_START + Math.floor(from + random.next() * span) * DAY + Math.floor(random.next() * DAY);
  const market = generateMarket({
    size: options.listings,
    seed: options.seed,
    density: 'broad',
    region: 'cinor',
  });
  const listings = market.listings.map((generated, i) => {
    const published = day(0, 330);
    const status = random.weighted([
      ['published', 6],
      ['withdrawn', 2],
      ['expired', 1],
      ['exchanged', 1],
    ] as const);
    const id = `BENCH${String(i).padStart(6, '0')}`;
    return itemOf(keys.listing(id), ENTITY.listing, {
      ...generated,
      id,
      ownerId: `BU${i}`,
      status,
      verification: 'verified',
      createdAt: iso(published - DAY),
      publishedAt: iso(published),
      expiresAt: iso(published + 182 * DAY),
      updatedAt: iso(
        status === 'published'
          ? published
          : Math.min(published + Math.floor(random.next() * 120) * DAY, YEAR_START + 364 * DAY),
      ),
      version: 2,
    });
  });
  const pick = () => listings[Math.floor(random.next() * listings.length)]!;
  const matches = Array.from({ length: options.matches }, (_, i) => {
    const size = random.chance(0.5) ? 3 : 2;
    const ids = Array.from({ length: size }, () => String(pick().id));
    const createdAt = iso(day(10, 350));
    return itemOf(keys.match(`BM${i}`), ENTITY.match, {
      id: `BM${i}`,
      kind: `${size}-way`,
      listingIds: ids,
      status: 'proposed',
      createdAt,
      updatedAt: createdAt,
      version: 1,
    });
  });
  const swaps: Record<string, unknown>[] = [];
  const reviews: Record<string, unknown>[] = [];
  for (let i = 0; i < options.swaps; i += 1) {
    const ids = random.chance(0.7) ? [pick().id, pick().id] : [pick().id, pick().id, pick().id];
    const created = day(20, 300);
    const decided = created + Math.floor(5 + random.next() * 40) * DAY;
    const status = random.weighted([
      ['under_review', 1],
      ['approved', 1],
      ['completed', 4],
      ['refused', 1.5],
      ['cancelled', 0.5],
    ] as const);
    const id = `BS${i}`;
    const participants = ids.map((listingId, k) => ({
      listingId,
      movesInto: ids[(k + 1) % ids.length],
      confirmed: true,
    }));
    swaps.push(
      itemOf(keys.swap(id), ENTITY.swap, {
        id,
        matchId: `BM${i}`,
        kind: `${ids.length}-way`,
        status,
        participants,
        createdAt: iso(created),
        updatedAt: iso(decided + 20 * DAY),
        version: 4,
        ...(status === 'approved' ||
        status === 'completed' ||
        (status === 'cancelled' && random.chance(0.5))
          ? { approvedAt: iso(decided) }
          : {}),
        ...(status === 'refused' ? { refusedAt: iso(decided) } : {}),
        ...(status === 'completed'
          ? { effectiveDate: iso(decided + 20 * DAY), completedAt: iso(decided + 20 * DAY) }
          : {}),
        ...(status === 'cancelled' ? { cancelledAt: iso(decided + 10 * DAY) } : {}),
      }),
    );
    if (status === 'refused') {
      reviews.push(
        itemOf(keys.swapReview(id, String(ids[1])), ENTITY.swapReview, {
          swapId: id,
          listingId: ids[1],
          incomingListingId: ids[0],
          decision: 'refused',
          reason: random.pick([...REASONS]),
          decidedAt: iso(decided),
        }),
      );
    }
  }
  return { listings, matches, swaps, reviews };
}

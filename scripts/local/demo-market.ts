/**
 * A demo market for a fresh local database: a few hundred published listings from the seeded
 * synthetic market generator, each with its demo tenant, so that `npm start` shows proposals
 * at once. The matcher finds their proposals from the stream, as it would in production.
 */
import { expiryFrom } from '../../shared/listing/lifecycle';
import { generateMarket } from '../../shared/market/generator';
import type { Listing } from '../../shared/schemas/listing';
import type { Database } from '../../functions/lib/db/client';
import { activeListingGuardPut, listingCreatePut } from '../../functions/lib/db/listings';
import { transactWrite } from '../../functions/lib/db/transact';
import { newUser, userCreationItems } from '../../functions/lib/db/users';
import { LOCAL_DOMAIN } from './local-domain';

export const DEMO_MARKET_SIZE = 200;

export const demoTenantEmail = (index: number) =>
  `demo.${String(index + 1).padStart(3, '0')}@${LOCAL_DOMAIN}`;

export async function seedDemoMarket(
  db: Database,
  now = new Date(),
  size = DEMO_MARKET_SIZE,
): Promise<number> {
  const market = generateMarket({ size, seed: 974, density: 'broad', region: 'cinor' });
  const at = now.toISOString();
  const writes = market.listings.map((generated, index) => async () => {
    const tenant = newUser(
      { email: demoTenantEmail(index), role: 'tenant', displayName: `Locataire démo ${index + 1}` },
      now,
    );
    const { id: _generatedId, ownerId: _generatedOwner, ...input } = generated;
    const listing: Listing = {
      ...input,
      id: `demo${String(index + 1).padStart(4, '0')}`,
      ownerId: tenant.id,
      status: 'published',
      // A few stay pending, so lessors have a verification queue to work on.
      verification: index % 10 === 0 ? 'pending' : 'verified',
      publishedAt: at,
      expiresAt: expiryFrom(now).toISOString(),
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    await transactWrite(db, [
      ...userCreationItems(db, tenant),
      listingCreatePut(db, listing, now),
      activeListingGuardPut(db, tenant.id, listing.id),
    ]);
  });
  for (let start = 0; start < writes.length; start += 10)
    await Promise.all(writes.slice(start, start + 10).map((write) => write()));
  return writes.length;
}

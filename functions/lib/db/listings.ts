/** Listings: the item, its owner's guard (one active listing), and its place in the queues. */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, queryAll, type BatchGetOptions } from './batch';
import { ConflictError, NotFoundError } from '../../../shared/errors';
import { takesPartInMatching } from '../../../shared/listing/lifecycle';
import type { Listing } from '../../../shared/schemas/listing';
import { ENTITY, indexKeys, keys, ttlAt, fromItem, INDEX, indexPartitions } from './model';
import type { Database } from './client';
import { named, type TransactItem } from './transact';

export class ActiveListingExistsError extends ConflictError {
  constructor() {
    super(
      'Vous avez déjà une annonce en cours : modifiez-la, ou retirez-la avant d’en créer une autre.',
    );
  }
}

export class ListingChangedError extends ConflictError {
  constructor() {
    super('L’annonce a été modifiée entre-temps. Rechargez la page et recommencez.');
  }
}

/** The stored item of a listing, with the index keys its state puts it under. */
export function listingItem(listing: Listing, now: Date): Record<string, unknown> {
  return {
    ...keys.listing(listing.id),
    entity: ENTITY.listing,
    ...indexKeys.listingsByOwner(listing.ownerId, listing.createdAt),
    ...(listing.status !== 'withdrawn' && listing.status !== 'exchanged'
      ? indexKeys.listingsToVerify(
          listing.dwelling.lessorId,
          listing.verification,
          listing.createdAt,
        )
      : {}),
    ...(takesPartInMatching(listing, now)
      ? indexKeys.marketOffer(listing.dwelling.communeCode, listing.dwelling.typology, listing.id)
      : {}),
    ...listing,
    ...(PURGED_STATUSES.includes(listing.status)
      ? { ttl: ttlAt(new Date(listing.updatedAt)) + PERSONAL_DATA_RETENTION_DAYS * 86_400 }
      : {}),
  };
}

/**
 * A listing that ended (withdrawn, expired, or exchanged: `updatedAt` is then the completion) is
 * deleted with its personal data 12 months later, by TTL; functions/purge removes what it leaves.
 */
export const PERSONAL_DATA_RETENTION_DAYS = 365;
const PURGED_STATUSES: readonly Listing['status'][] = ['withdrawn', 'expired', 'exchanged'];

export function toListing(item: Record<string, unknown>): Listing {
  const listing = fromItem<Listing>(item);
  // Stream images (DynamoDB Local) may omit empty lists and maps: restore them.
  return {
    ...listing,
    dwelling: { ...listing.dwelling, features: listing.dwelling?.features ?? [] },
    wishes: {
      ...listing.wishes,
      quartiers: listing.wishes?.quartiers ?? [],
      features: listing.wishes?.features ?? [],
      needs: listing.wishes?.needs ?? {},
    },
  };
}

/** The conditions of listing writes, by the names a failed transaction reports them. */
export const LISTING_CONDITION = {
  isNew: 'listing-is-new',
  unchangedSinceRead: 'listing-unchanged-since-read',
  ownerHasNoOtherActiveListing: 'owner-has-no-other-active-listing',
} as const;

/** Put of a new listing; fails if the id exists. */
export function listingCreatePut(db: Database, listing: Listing, now: Date): TransactItem {
  return named(LISTING_CONDITION.isNew, {
    Put: {
      TableName: db.tableName,
      Item: listingItem(listing, now),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
}

/** Put of a changed listing; fails unless the stored version is the one it was read at. */
export function listingUpdatePut(
  db: Database,
  listing: Listing,
  readVersion: number,
  now: Date,
): TransactItem {
  return named(LISTING_CONDITION.unchangedSinceRead, {
    Put: {
      TableName: db.tableName,
      Item: listingItem({ ...listing, version: readVersion + 1 }, now),
      ConditionExpression: 'version = :read',
      ExpressionAttributeValues: { ':read': readVersion },
    },
  });
}

export function activeListingGuardPut(
  db: Database,
  ownerId: string,
  listingId: string,
): TransactItem {
  return named(LISTING_CONDITION.ownerHasNoOtherActiveListing, {
    Put: {
      TableName: db.tableName,
      Item: { ...keys.activeListing(ownerId), entity: ENTITY.activeListing, listingId },
      ConditionExpression: 'attribute_not_exists(pk) OR listingId = :listingId',
      ExpressionAttributeValues: { ':listingId': listingId },
    },
  });
}

export function activeListingGuardDelete(db: Database, ownerId: string): TransactItem {
  return { Delete: { TableName: db.tableName, Key: keys.activeListing(ownerId) } };
}

export function managedListingPut(
  db: Database,
  agentId: string,
  listingId: string,
  createdAt: string,
): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.managedListing(agentId, listingId),
        entity: ENTITY.managedListing,
        listingId,
        createdAt,
      },
    },
  };
}

export function managedListingDelete(
  db: Database,
  agentId: string,
  listingId: string,
): TransactItem {
  return { Delete: { TableName: db.tableName, Key: keys.managedListing(agentId, listingId) } };
}

export async function findListing(db: Database, listingId: string): Promise<Listing | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.listing(listingId), ConsistentRead: true }),
  );
  return Item && Item.entity === ENTITY.listing ? toListing(Item) : undefined;
}

export async function getListing(db: Database, listingId: string): Promise<Listing> {
  const listing = await findListing(db, listingId);
  if (!listing) throw new NotFoundError('Annonce introuvable.');
  return listing;
}

export async function getListings(
  db: Database,
  listingIds: string[],
  options: BatchGetOptions = {},
): Promise<Map<string, Listing>> {
  const items = await batchGetAll(
    db,
    [...new Set(listingIds)].map((id) => keys.listing(id)),
    options,
  );
  return new Map(items.map((item) => [String(item.id), toListing(item)]));
}

export async function listingsOfOwner(db: Database, ownerId: string): Promise<Listing[]> {
  const { Items } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: INDEX.byParent,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.listingsByOwner(ownerId) },
      ScanIndexForward: false,
    }),
  );
  return (Items ?? []).map(toListing);
}

export async function listingsManagedBy(db: Database, agentId: string): Promise<Listing[]> {
  const prefix = keys.managedListingsPrefix(agentId);
  const { Items } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
      ScanIndexForward: false,
    }),
  );
  const listings = await getListings(
    db,
    (Items ?? []).map((item) => String(item.listingId)),
  );
  // The listing decides: an entry left behind by an ended delegation grants nothing.
  return [...listings.values()]
    .filter((listing) => listing.assistance?.agentId === agentId)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** A lessor's listings in a verification state, oldest first (the verification queue). */
export async function listingsToVerify(
  db: Database,
  lessorId: string,
  verification: Listing['verification'],
  page: { limit: number; cursor?: Record<string, unknown> },
): Promise<{ listings: Listing[]; cursor?: Record<string, unknown> }> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: INDEX.lessorQueues,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: {
        ':pk': indexPartitions.listingsToVerify(lessorId, verification),
      },
      Limit: page.limit,
      ExclusiveStartKey: page.cursor,
    }),
  );
  return { listings: (result.Items ?? []).map(toListing), cursor: result.LastEvaluatedKey };
}

/** What the matcher reads of a listing in the market: what it matches on, and what says whether and which version of it takes part. */
export type MarketRow = Pick<
  Listing,
  | 'id'
  | 'ownerId'
  | 'dwelling'
  | 'household'
  | 'wishes'
  | 'status'
  | 'verification'
  | 'expiresAt'
  | 'version'
  | 'nextRent'
  | 'nextCharges'
>;

export const MARKET_ROW_FIELDS = [
  'id',
  'ownerId',
  'dwelling',
  'household',
  'wishes',
  'status',
  'verification',
  'expiresAt',
  'version',
  'nextRent',
  'nextCharges',
] as const satisfies readonly (keyof MarketRow)[];

/**
 * `marketListings` reduced to what the matcher reads (a projection: no description, photos nor
 * history read, parsed or held), for its cold start at regional scale.
 */
export async function marketRows(db: Database, communeCode: string): Promise<MarketRow[]> {
  const items = await queryAll(db, {
    IndexName: INDEX.market,
    KeyConditionExpression: 'gsi3pk = :pk',
    ProjectionExpression: MARKET_ROW_FIELDS.map((_, i) => `#f${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(MARKET_ROW_FIELDS.map((f, i) => [`#f${i}`, f])),
    ExpressionAttributeValues: { ':pk': indexPartitions.marketOffer(communeCode) },
  });
  // Read as whole listings are, empty lists restored.
  return items.map(toListing);
}

/** Listings taking part in matching whose dwelling is in `communeCode` (optionally of one typology). */
export async function marketListings(
  db: Database,
  communeCode: string,
  typology?: string,
): Promise<Listing[]> {
  const items = await queryAll(db, {
    IndexName: INDEX.market,
    KeyConditionExpression: typology
      ? 'gsi3pk = :pk AND begins_with(gsi3sk, :typology)'
      : 'gsi3pk = :pk',
    ExpressionAttributeValues: {
      ':pk': indexPartitions.marketOffer(communeCode),
      ...(typology ? { ':typology': `${typology}#` } : {}),
    },
  });
  return items.map(toListing);
}

/** Only the named attributes of these listings (statistics read a dwelling and a household). */
export async function listingProjections(
  db: Database,
  listingIds: string[],
  projection: string,
): Promise<Record<string, unknown>[]> {
  return batchGetAll(
    db,
    listingIds.map((id) => keys.listing(id)),
    { projection },
  );
}

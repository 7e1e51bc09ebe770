/** Reading the table's stream records that the matcher and the fan-out act on. */
import type { DynamoDBRecord } from 'aws-lambda';
import type { Listing } from '../../shared/schemas/listing';
import { toListing } from '../lib/db/listings';
import type { StoredMatch } from '../lib/db/matches';
import { ENTITY } from '../lib/db/model';
import { toVacancy, type StoredVacancy } from '../lib/db/vacancies';
import { newImage, oldImage, stringAttribute } from '../lib/stream-image';

export interface ListingChange {
  before?: Listing;
  after?: Listing;
}

/** The listing as it was and as it is, when the record is a listing's. */
export function listingChangeOf(record: DynamoDBRecord): ListingChange | undefined {
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  if (stringAttribute(image, 'entity') !== ENTITY.listing) return undefined;
  return {
    before: record.dynamodb?.OldImage ? toListing(oldImage(record)!) : undefined,
    after: record.dynamodb?.NewImage ? toListing(newImage(record)!) : undefined,
  };
}

/** The vacancy as it was and as it is, when the record is a vacancy's. */
export function vacancyChangeOf(
  record: DynamoDBRecord,
): { before?: StoredVacancy; after?: StoredVacancy } | undefined {
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  if (stringAttribute(image, 'entity') !== ENTITY.vacancy) return undefined;
  return {
    before: record.dynamodb?.OldImage ? toVacancy(oldImage(record)!) : undefined,
    after: record.dynamodb?.NewImage ? toVacancy(newImage(record)!) : undefined,
  };
}

/** The match a record created, when it is the creation of one. */
export function createdMatchOf(record: DynamoDBRecord): StoredMatch | undefined {
  if (
    record.eventName !== 'INSERT' ||
    stringAttribute(record.dynamodb?.NewImage, 'entity') !== ENTITY.match
  )
    return undefined;
  const { pk: _pk, sk: _sk, entity: _entity, ...match } = newImage(record)!;
  return match as unknown as StoredMatch;
}

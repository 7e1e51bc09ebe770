/** Reading the table's stream records that the matcher and the fan-out act on. */
import type { DynamoDBRecord } from 'aws-lambda';
import type { Listing } from '../../shared/schemas/listing';
import { toListing } from '../lib/db/listings';
import type { StoredMatch } from '../lib/db/matches';
import { ENTITY, fromItem } from '../lib/db/model';
import { entityOfRawImage } from '../lib/db/stream-records';
import { toVacancy, type StoredVacancy } from '../lib/db/vacancies';
import { newImage, oldImage } from '../lib/stream-image';

export interface ListingChange {
  before?: Listing;
  after?: Listing;
}

/** The listing as it was and as it is, when the record is a listing's. */
export function listingChangeOf(record: DynamoDBRecord): ListingChange | undefined {
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  if (entityOfRawImage(image) !== ENTITY.listing) return undefined;
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
  if (entityOfRawImage(image) !== ENTITY.vacancy) return undefined;
  return {
    before: record.dynamodb?.OldImage ? toVacancy(oldImage(record)!) : undefined,
    after: record.dynamodb?.NewImage ? toVacancy(newImage(record)!) : undefined,
  };
}

/** The match a record created, when it is the creation of one. */
export function createdMatchOf(record: DynamoDBRecord): StoredMatch | undefined {
  if (record.eventName !== 'INSERT' || entityOfRawImage(record.dynamodb?.NewImage) !== ENTITY.match)
    return undefined;
  return fromItem<StoredMatch>(newImage(record)!);
}

/**
 * The table's own attributes as a stream record carries them, raw (before unmarshalling): the
 * item's key, its entity, its expiry. Handlers dispatch on them without unmarshalling the rest.
 */
import { ENTITY_ATTRIBUTE, tableDefinition, type ItemKey } from './model';

type RawAttributes = Record<string, { S?: string; N?: string } | undefined>;

/** The key a record's `Keys` (or a raw image) holds; '' for a part it lacks. */
export function keyOfRawImage(image: unknown): ItemKey {
  const raw = image as RawAttributes | undefined;
  return {
    pk: raw?.[tableDefinition.partitionKey]?.S ?? '',
    sk: raw?.[tableDefinition.sortKey]?.S ?? '',
  };
}

/** The entity a raw image names. */
export function entityOfRawImage(image: unknown): string | undefined {
  return (image as RawAttributes | undefined)?.[ENTITY_ATTRIBUTE]?.S;
}

/** The expiry a raw image carries (epoch seconds, as DynamoDB's number string). */
export function expiryOfRawImage(image: unknown): string | undefined {
  return (image as RawAttributes | undefined)?.[tableDefinition.ttlAttribute]?.N;
}

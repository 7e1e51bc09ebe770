/** Reading DynamoDB stream images in stream handlers. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

type RawImage = Record<string, AttributeValue>;

/**
 * Drops attribute values with no type: DynamoDB Local's stream reports an empty list or map
 * as `{}`, which unmarshall refuses. Empty containers carry nothing the handlers read.
 */
function withoutEmptyValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyValues);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return Object.fromEntries(
      entries
        .filter(([, v]) => !(v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0))
        .map(([k, v]) => [k, withoutEmptyValues(v)]),
    );
  }
  return value;
}

export function imageOf(image: unknown): Record<string, unknown> | undefined {
  if (!image) return undefined;
  return unmarshall(withoutEmptyValues(image) as RawImage);
}

export function newImage(record: DynamoDBRecord): Record<string, unknown> | undefined {
  return imageOf(record.dynamodb?.NewImage);
}

export function oldImage(record: DynamoDBRecord): Record<string, unknown> | undefined {
  return imageOf(record.dynamodb?.OldImage);
}

/** One string attribute straight from the raw image, without unmarshalling the rest. */
export function stringAttribute(image: unknown, name: string): string | undefined {
  const value = (image as Record<string, { S?: string }> | undefined)?.[name];
  return value?.S;
}

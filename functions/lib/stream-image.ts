/** Reading DynamoDB stream images in stream handlers. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

type RawImage = Record<string, AttributeValue>;

type Value = Record<string, unknown>;

/** An attribute value with no type: DynamoDB Local's stream reports an empty list or map so. */
const isUntyped = (value: unknown) =>
  !value || typeof value !== 'object' || Object.keys(value as Value).length === 0;

/** Drops untyped values inside maps and lists, which unmarshall refuses; typed values are kept. */
function withoutUntyped(value: Value): Value {
  if (Array.isArray(value.L))
    return { L: (value.L as Value[]).filter((v) => !isUntyped(v)).map(withoutUntyped) };
  if (value.M && typeof value.M === 'object')
    return { M: withoutUntypedAttributes(value.M as Record<string, Value>) };
  return value;
}

function withoutUntypedAttributes(image: Record<string, Value>): Record<string, Value> {
  return Object.fromEntries(
    Object.entries(image)
      .filter(([, v]) => !isUntyped(v))
      .map(([k, v]) => [k, withoutUntyped(v)]),
  );
}

export function imageOf(image: unknown): Record<string, unknown> | undefined {
  if (!image) return undefined;
  return unmarshall(
    withoutUntypedAttributes(image as Record<string, Value>) as unknown as RawImage,
  );
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

/** Table stream records and a database that refuses every request, for stream handlers' unit tests. */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Database } from '../../functions/lib/db/client';

/** A record of the table's stream carrying `image` (the new image, or the old one for REMOVE). */
export function streamRecord(
  sequenceNumber: string,
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  image: Record<string, unknown>,
): DynamoDBRecord {
  const marshalled = marshall(image, { removeUndefinedValues: true }) as never;
  return {
    eventID: `event-${sequenceNumber}`,
    eventName,
    dynamodb: {
      SequenceNumber: sequenceNumber,
      ...(eventName === 'REMOVE' ? { OldImage: marshalled } : { NewImage: marshalled }),
    },
  };
}

/** A database whose every request fails, counting the requests it was sent. */
export function unreachableDatabase(): { db: Database; requests: () => number } {
  let requests = 0;
  const send = () => {
    requests += 1;
    return Promise.reject(new Error('database unreachable'));
  };
  const db = { client: { send }, doc: { send }, tableName: 'unreachable' } as unknown as Database;
  return { db, requests: () => requests };
}

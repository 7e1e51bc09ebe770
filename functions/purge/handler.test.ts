import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Database } from '../lib/db/client';
import { streamRecord, unreachableDatabase } from '../../tests/support/stream-records';
import { TTL_DELETION_IDENTITY, createTtlPurge, isTtlDeletion, purgeRemnants } from './handler';

const removal = (identity?: { type: string; principalId: string }): DynamoDBRecord => ({
  eventName: 'REMOVE',
  ...(identity ? { userIdentity: identity } : {}),
  dynamodb: {
    OldImage: marshall({
      pk: 'LISTING#L1',
      sk: 'LISTING',
      entity: 'Listing',
      id: 'L1',
      ownerId: 'U1',
    }) as never,
  },
});

/** A database that fails on any use: the cases below must not touch it. */
const untouchable = {
  doc: { send: () => Promise.reject(new Error('no database access expected')) },
  tableName: 't',
} as unknown as Database;

describe('TTL purge', () => {
  it('recognises DynamoDB’s own TTL deletions only', () => {
    expect(isTtlDeletion(removal({ type: 'Service', principalId: 'dynamodb.amazonaws.com' }))).toBe(
      true,
    );
    expect(isTtlDeletion(removal())).toBe(false);
    expect(isTtlDeletion(removal({ type: 'Service', principalId: 'other.amazonaws.com' }))).toBe(
      false,
    );
    expect(
      isTtlDeletion({
        ...removal({ type: 'Service', principalId: 'dynamodb.amazonaws.com' }),
        eventName: 'MODIFY',
      }),
    ).toBe(false);
  });

  it('ignores a listing the application deleted itself', async () => {
    expect(
      await purgeRemnants(
        {
          db: untouchable,
          storage: () => {
            throw new Error('no storage expected');
          },
        },
        removal(),
      ),
    ).toBe('ignored');
  });

  it('reports the first record not purged and leaves the later ones for the retry', async () => {
    const { db, requests } = unreachableDatabase();
    const purge = createTtlPurge({ db, storage: () => ({}) as never });
    const expired = (seq: string, id: string) => ({
      ...streamRecord(seq, 'REMOVE', { entity: 'Listing', id, ownerId: 'U1' }),
      userIdentity: TTL_DELETION_IDENTITY,
    });

    const response = await purge({
      Records: [removal(), expired('2', 'L2'), expired('3', 'L3')].map((record, i) => ({
        ...record,
        dynamodb: { ...record.dynamodb, SequenceNumber: String(i + 1) },
      })),
    });

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(requests()).toBe(1);
  });
});

import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Database } from '../lib/db/client';
import { isTtlDeletion, purgeRemnants } from './handler';

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
});

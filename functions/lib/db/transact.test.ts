import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../shared/errors';
import type { Database } from './client';
import { named, transactWrite, type ConditionFailures, type TransactItem } from './transact';

/** A database whose transactions are cancelled with these reason codes, one per item. */
const cancelling = (...codes: string[]) =>
  ({
    tableName: 't',
    doc: {
      send: () =>
        Promise.reject(
          new TransactionCanceledException({
            message: 'cancelled',
            $metadata: {},
            CancellationReasons: codes.map((Code) => ({ Code })),
          }),
        ),
    },
  }) as unknown as Database;

const put = (pk: string): TransactItem => ({
  Put: { TableName: 't', Item: { pk }, ConditionExpression: 'attribute_not_exists(pk)' },
});

describe('transactWrite', () => {
  it('reports failed conditions by the names they were written with', async () => {
    let reported: ConditionFailures | undefined;
    const items = [named('first-is-new', put('a')), put('b'), named('third-is-new', put('c'))];

    const failure = transactWrite(
      cancelling('None', 'ConditionalCheckFailed', 'ConditionalCheckFailed'),
      items,
      (failed) => {
        reported = failed;
        return new ConflictError('conflit');
      },
    );

    await expect(failure).rejects.toBeInstanceOf(ConflictError);
    expect([...reported!]).toEqual([1, 2]);
    expect([...reported!.names]).toEqual(['third-is-new']);
  });
});

import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { streamRecord } from '../../tests/support/stream-records';
import { handleInOrder } from './stream-batch';

const batchOf = (...sequenceNumbers: string[]): DynamoDBStreamEvent => ({
  Records: sequenceNumbers.map((n) => streamRecord(n, 'INSERT', { id: n })),
});
const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? '';

describe('handleInOrder', () => {
  it('handles every record in order and reports no failure when all succeed', async () => {
    const handled: string[] = [];

    const response = await handleInOrder(batchOf('1', '2', '3'), async (record) => {
      await new Promise((resolve) =>
        setTimeout(resolve, record.dynamodb?.SequenceNumber === '1' ? 5 : 0),
      );
      handled.push(sequenceOf(record));
    });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(handled).toEqual(['1', '2', '3']);
  });

  it('reports the first failed record alone and leaves the later ones for the retry', async () => {
    const handled: string[] = [];

    const response = await handleInOrder(batchOf('1', '2', '3', '4'), async (record) => {
      handled.push(sequenceOf(record));
      if (sequenceOf(record) === '2') throw new Error('failed');
    });

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(handled).toEqual(['1', '2']);
  });

  it('reports a batch whose first record fails instead of throwing', async () => {
    const response = await handleInOrder(batchOf('7', '8'), () =>
      Promise.reject(new Error('down')),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '7' }] });
  });

  it('shares nothing between batches handled at the same time', async () => {
    const [failing, passing] = await Promise.all([
      handleInOrder(batchOf('1', '2'), () => Promise.reject(new Error('down'))),
      handleInOrder(batchOf('3', '4'), () => Promise.resolve()),
    ]);

    expect(failing).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }] });
    expect(passing).toEqual({ batchItemFailures: [] });
  });
});

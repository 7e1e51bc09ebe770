import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { streamRecord } from '../../tests/support/stream-records';
import { handleConcurrently, handleInOrder } from './stream-batch';

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

describe('handleConcurrently', () => {
  it('handles at most `concurrency` records at once and every one of them', async () => {
    let running = 0;
    let busiest = 0;
    const handled: string[] = [];

    const response = await handleConcurrently(
      batchOf('1', '2', '3', '4', '5', '6', '7'),
      async (record) => {
        running += 1;
        busiest = Math.max(busiest, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        handled.push(sequenceOf(record));
        running -= 1;
      },
      3,
    );

    expect(response).toEqual({ batchItemFailures: [] });
    expect(busiest).toBe(3);
    expect(handled.sort()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('reports every failed record and still handles the others', async () => {
    const handled: string[] = [];

    const response = await handleConcurrently(
      batchOf('1', '2', '3', '4'),
      async (record) => {
        if (['2', '4'].includes(sequenceOf(record))) throw new Error('failed');
        handled.push(sequenceOf(record));
      },
      2,
    );

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['2', '4']);
    expect(handled.sort()).toEqual(['1', '3']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamHandler } from '../lib/stream-batch';
import { followTogether } from './handler';

const batchOf = (size: number): DynamoDBStreamEvent => ({
  Records: Array.from({ length: size }, (_, index) => ({
    eventName: 'MODIFY',
    dynamodb: { SequenceNumber: String(100 + index) },
  })),
});
const failingAt =
  (...sequenceNumbers: string[]): StreamHandler =>
  async () => ({
    batchItemFailures: sequenceNumbers.map((itemIdentifier) => ({ itemIdentifier })),
  });

describe('the followers on one batch', () => {
  it('hand the whole batch to every handler and report nothing when all succeed', async () => {
    const seen: Record<string, number> = {};
    const counting =
      (name: string): StreamHandler =>
      async (event) => {
        seen[name] = event.Records.length;
      };

    const response = await followTogether({ a: counting('a'), b: counting('b') })(batchOf(4));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual({ a: 4, b: 4 });
  });

  it('report only the earliest record any handler failed on, where Lambda resumes', async () => {
    const response = await followTogether({
      stats: failingAt('103'),
      webhooks: failingAt('101', '102'),
      notifier: failingAt(),
    })(batchOf(5));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '101' }] });
  });

  it('take a handler that throws for a failure of the whole batch, and still run the others', async () => {
    let otherRan = false;
    const response = await followTogether({
      purge: async () => {
        throw new Error('DynamoDB indisponible');
      },
      stats: async () => {
        otherRan = true;
      },
    })(batchOf(3));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '100' }] });
    expect(otherRan).toBe(true);
  });

  it('tell the observer how long each handler took', async () => {
    const observed: string[] = [];

    await followTogether({ a: failingAt(), b: failingAt('100') }, (name, ms) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      observed.push(name);
    })(batchOf(2));

    expect(observed.sort()).toEqual(['a', 'b']);
  });

  it('resume from the first record, in the batch order, that one of them failed on (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }).chain((size) =>
          fc.tuple(
            fc.constant(size),
            fc.array(fc.option(fc.subarray([...Array(size).keys()]), { nil: undefined }), {
              minLength: 1,
              maxLength: 5,
            }),
          ),
        ),
        async ([size, failuresByHandler]) => {
          const event = batchOf(size);
          const handlers = Object.fromEntries(
            failuresByHandler.map((failed, index): [string, StreamHandler] => [
              `h${index}`,
              failed === undefined
                ? async () => {
                    throw new Error('échec');
                  }
                : async (): Promise<DynamoDBBatchResponse> => ({
                    batchItemFailures: failed.map((at) => ({ itemIdentifier: String(100 + at) })),
                  }),
            ]),
          );
          const earliest = Math.min(
            ...failuresByHandler.flatMap((failed) => (failed === undefined ? [0] : failed)),
          );

          const response = await followTogether(handlers)(event);

          expect(response.batchItemFailures).toEqual(
            Number.isFinite(earliest) ? [{ itemIdentifier: String(100 + earliest) }] : [],
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { streamRecord, unreachableDatabase } from '../../tests/support/stream-records';
import { createNotifier } from './handler';

const mail = (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX', entity: 'Outbox', id });

describe('notifier partial batch failures', () => {
  it('tries every new mail of the batch and reports each one not sent', async () => {
    const { db, requests } = unreachableDatabase();
    const notify = createNotifier({ db, send: () => Promise.reject(new Error('not reached')) });

    const response = await notify({
      Records: [
        streamRecord('1', 'MODIFY', mail('M1')),
        streamRecord('2', 'INSERT', mail('M2')),
        streamRecord('3', 'INSERT', mail('M3')),
      ],
    });

    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: '2' }, { itemIdentifier: '3' }],
    });
    expect(requests()).toBe(2);
  });

  it('reports nothing when no record is a new mail', async () => {
    const { db, requests } = unreachableDatabase();

    const response = await createNotifier({ db, send: () => Promise.reject(new Error('no')) })({
      Records: [streamRecord('1', 'REMOVE', mail('M1')), streamRecord('2', 'MODIFY', mail('M2'))],
    });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(requests()).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { ENTITY } from '../lib/db/model';
import { streamRecord, unreachableDatabase } from '../../tests/support/stream-records';
import { createWebhookDispatcher } from './handler';

const delivery = (id: string) => ({ entity: ENTITY.webhookDelivery, endpointId: 'E1', id });
const removedListing = { entity: ENTITY.listing, id: 'L1' };

describe('webhook dispatcher partial batch failures', () => {
  it('reports the first record not handled and leaves the later ones for the retry', async () => {
    const { db, requests } = unreachableDatabase();
    const dispatch = createWebhookDispatcher({ db, now: () => new Date(), allowLocalhost: false });

    const response = await dispatch({
      Records: [
        streamRecord('1', 'REMOVE', removedListing),
        streamRecord('2', 'INSERT', delivery('D2')),
        streamRecord('3', 'INSERT', delivery('D3')),
      ],
    });

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(requests()).toBe(1);
  });

  it('reports nothing when no record asks for work', async () => {
    const { db, requests } = unreachableDatabase();
    const dispatch = createWebhookDispatcher({ db, now: () => new Date(), allowLocalhost: false });

    const response = await dispatch({
      Records: [
        streamRecord('1', 'REMOVE', removedListing),
        streamRecord('2', 'MODIFY', delivery('D2')),
      ],
    });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(requests()).toBe(0);
  });
});

/**
 * The webhooks' stream handler: a change of the table that means an event (./../lib/webhooks/events.ts)
 * becomes delivery items; a new delivery item is sent at once. A receiver that fails does not hold
 * the stream back: its delivery waits for the sweep's next attempt (./sweep.ts).
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { ENTITY } from '../lib/db/model';
import { entityOfRawImage } from '../lib/db/stream-records';
import { logger } from '../lib/logger';
import { handleInOrder } from '../lib/stream-batch';
import { newImage, oldImage, stringAttribute } from '../lib/stream-image';
import { eventsOfChange } from '../lib/webhooks/events';
import { attemptDelivery, enqueueDeliveries, type WebhookDeps } from '../lib/webhooks/delivery';

export function createWebhookDispatcher(deps: WebhookDeps) {
  return async function dispatchWebhooks(
    event: DynamoDBStreamEvent,
  ): Promise<DynamoDBBatchResponse> {
    // Lambda retries from the first failed record; later ones come again and add nothing twice.
    return handleInOrder(event, async (record) => {
      try {
        const raw = record.dynamodb?.NewImage;
        if (entityOfRawImage(raw) === ENTITY.webhookDelivery) {
          if (record.eventName === 'INSERT')
            await attemptDelivery(deps, {
              endpointId: stringAttribute(raw, 'endpointId') ?? '',
              id: stringAttribute(raw, 'id') ?? '',
            });
          return;
        }
        if (record.eventName === 'REMOVE') return;
        const created = record.dynamodb?.ApproximateCreationDateTime;
        const occurredAt = created ? new Date(created * 1000) : deps.now();
        for (const change of eventsOfChange(oldImage(record), newImage(record)))
          await enqueueDeliveries(deps, change, record.eventID ?? '', occurredAt);
      } catch (error) {
        logger.error('webhook record not handled, retried', { error });
        throw error;
      }
    });
  };
}

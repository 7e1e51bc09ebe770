/** Webhook endpoints (per lessor) and their deliveries (the delivery log, and retries due). */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type {
  storedWebhookDeliverySchema,
  webhookEndpointCreatedSchema,
  webhookEndpointSchema,
} from '../../../shared/schemas/webhook';
import { ENTITY, fromItem, keys, ttlAt, indexPartitions, INDEX } from './model';
import type { Database } from './client';
import { writtenUnlessCondition, type TransactItem } from './transact';

export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/**
 * The endpoint with the HMAC key its deliveries are signed with, as its creation showed it: the key
 * must be read to sign, so it is kept (encrypted at rest by DynamoDB).
 */
export type StoredWebhookEndpoint = z.infer<typeof webhookEndpointCreatedSchema>;

export type WebhookDelivery = z.infer<typeof storedWebhookDeliverySchema>;
export type DeliveryStatus = WebhookDelivery['status'];

/** Deliveries stay in the log 30 days. */
export const DELIVERY_RETENTION_DAYS = 30;
export const ENDPOINTS_PER_LESSOR = 10;

export function publicEndpoint({ secret: _secret, ...endpoint }: StoredWebhookEndpoint) {
  return endpoint;
}

export function webhookEndpointPut(db: Database, endpoint: StoredWebhookEndpoint): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.webhookEndpoint(endpoint.lessorId, endpoint.id),
        entity: ENTITY.webhookEndpoint,
        ...endpoint,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export function webhookEndpointDelete(
  db: Database,
  lessorId: string,
  endpointId: string,
): TransactItem {
  return {
    Delete: {
      TableName: db.tableName,
      Key: keys.webhookEndpoint(lessorId, endpointId),
      ConditionExpression: 'attribute_exists(pk)',
    },
  };
}

export async function endpointsOfLessor(
  db: Database,
  lessorId: string,
): Promise<StoredWebhookEndpoint[]> {
  const { pk, skPrefix } = keys.webhookEndpointsOf(lessorId);
  const { Items } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
    }),
  );
  return (Items ?? []).map((item) => fromItem<StoredWebhookEndpoint>(item));
}

export async function findEndpoint(
  db: Database,
  lessorId: string,
  endpointId: string,
): Promise<StoredWebhookEndpoint | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.webhookEndpoint(lessorId, endpointId) }),
  );
  return Item ? fromItem<StoredWebhookEndpoint>(Item) : undefined;
}

/** A new delivery; the id is derived from the event, so a redelivered stream record adds nothing. */
export function deliveryPut(db: Database, delivery: WebhookDelivery): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.webhookDelivery(delivery.endpointId, delivery.id),
        entity: ENTITY.webhookDelivery,
        ...delivery,
        ttl: ttlAt(new Date(delivery.createdAt)) + DELIVERY_RETENTION_DAYS * 86_400,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Writes a delivery to send, unless the same event was already handed to this endpoint. */
export async function putDeliveryOnce(db: Database, delivery: WebhookDelivery): Promise<boolean> {
  return writtenUnlessCondition(() => db.doc.send(new PutCommand(deliveryPut(db, delivery).Put!)));
}

export async function findDelivery(
  db: Database,
  endpointId: string,
  deliveryId: string,
): Promise<WebhookDelivery | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.webhookDelivery(endpointId, deliveryId),
      ConsistentRead: true,
    }),
  );
  return Item ? fromItem<WebhookDelivery>(Item) : undefined;
}

/**
 * Takes the delivery for one attempt: only if it is still to be sent and nobody took it in the
 * last `leaseMs` (a concurrent stream retry and sweep never both send).
 */
export async function claimDelivery(
  db: Database,
  delivery: Pick<WebhookDelivery, 'endpointId' | 'id'>,
  now: Date,
  leaseMs: number,
): Promise<WebhookDelivery | undefined> {
  try {
    const { Attributes } = await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.webhookDelivery(delivery.endpointId, delivery.id),
        UpdateExpression: 'SET leaseUntil = :until',
        ConditionExpression:
          'attribute_exists(pk) AND #status IN (:pending, :retrying) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':until': new Date(now.getTime() + leaseMs).toISOString(),
          ':now': now.toISOString(),
          ':pending': 'pending',
          ':retrying': 'retrying',
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? fromItem<WebhookDelivery>(Attributes) : undefined;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}

/** Records an attempt's outcome: delivered, a retry at `nextAttemptAt`, or parked. */
export async function recordAttempt(
  db: Database,
  delivery: WebhookDelivery,
  outcome: {
    status: Exclude<DeliveryStatus, 'pending'>;
    result: string;
    at: Date;
    nextAttemptAt?: Date;
  },
): Promise<void> {
  const at = outcome.at.toISOString();
  const retry = outcome.status === 'retrying' && outcome.nextAttemptAt;
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.webhookDelivery(delivery.endpointId, delivery.id),
      UpdateExpression: [
        'SET #status = :status, attempts = attempts + :one, lastAttemptAt = :at, lastResult = :result',
        retry ? ', nextAttemptAt = :next, gsi1pk = :gpk, gsi1sk = :gsk' : '',
        outcome.status === 'delivered' ? ', deliveredAt = :at' : '',
        retry ? ' REMOVE leaseUntil' : ' REMOVE leaseUntil, nextAttemptAt, gsi1pk, gsi1sk',
      ].join(''),
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': outcome.status,
        ':one': 1,
        ':at': at,
        ':result': outcome.result.slice(0, 120),
        ...(retry
          ? {
              ':next': outcome.nextAttemptAt!.toISOString(),
              ':gpk': indexPartitions.webhookRetries,
              ':gsk': outcome.nextAttemptAt!.toISOString(),
            }
          : {}),
      },
    }),
  );
}

/** Deliveries whose retry is due at `now` (the sweep's work). */
export async function retriesDue(
  db: Database,
  now: Date,
  limit = 100,
): Promise<Array<Pick<WebhookDelivery, 'endpointId' | 'id'>>> {
  const { Items } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: INDEX.byParent,
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
      ExpressionAttributeValues: {
        ':pk': indexPartitions.webhookRetries,
        ':now': now.toISOString(),
      },
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => ({
    endpointId: String(item.endpointId),
    id: String(item.id),
  }));
}

/** An endpoint's delivery log, newest first, one page. */
export async function deliveriesOf(
  db: Database,
  endpointId: string,
  page: { limit: number; cursor?: Record<string, unknown> },
): Promise<{ deliveries: WebhookDelivery[]; cursor?: Record<string, unknown> }> {
  const { pk, skPrefix } = keys.webhookDeliveriesOf(endpointId);
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: page.cursor,
    }),
  );
  return {
    deliveries: (result.Items ?? []).map((item) => {
      const { leaseUntil: _lease, ...delivery } = fromItem<
        WebhookDelivery & { leaseUntil?: string }
      >(item);
      return delivery;
    }),
    cursor: result.LastEvaluatedKey,
  };
}

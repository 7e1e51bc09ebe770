/** API clients of lessors' systems: one item each, holding the scrypt hash of its secret. */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { storedApiClientSchema } from '../../../shared/schemas/api-client';
import { ENTITY, fromItem, indexKeys, keys, indexPartitions, INDEX } from './model';
import type { Database } from './client';
import type { TransactItem } from './transact';

export type StoredApiClient = z.infer<typeof storedApiClientSchema>;
export type ApiClient = Omit<StoredApiClient, 'secretHash'>;

export function apiClientPut(db: Database, client: StoredApiClient): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.apiClient(client.clientId),
        ...indexKeys.apiClients(client.createdAt),
        entity: ENTITY.apiClient,
        ...client,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

const toApiClient = (item: Record<string, unknown>) => fromItem<StoredApiClient>(item);

/** Without the hash: what Armos and the API's answers see. */
export function publicApiClient({ secretHash: _hash, ...client }: StoredApiClient): ApiClient {
  return client;
}

/** The client, revoked or not; a strongly consistent read, so a revocation is seen at once. */
export async function findApiClient(
  db: Database,
  clientId: string,
): Promise<StoredApiClient | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.apiClient(clientId),
      ConsistentRead: true,
    }),
  );
  return Item ? toApiClient(Item) : undefined;
}

/** Every client, newest first (a few per lessor: one page is the whole list). */
export async function listApiClients(db: Database): Promise<ApiClient[]> {
  const clients: ApiClient[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: INDEX.byParent,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': indexPartitions.apiClients },
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
      }),
    );
    clients.push(...(page.Items ?? []).map((item) => publicApiClient(toApiClient(item))));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return clients;
}

/** Marks the client revoked; fails (condition) if unknown or already revoked. */
export function apiClientRevokeUpdate(
  db: Database,
  clientId: string,
  by: string,
  now: Date,
): TransactItem {
  return {
    Update: {
      TableName: db.tableName,
      Key: keys.apiClient(clientId),
      UpdateExpression: 'SET revokedAt = :at, revokedBy = :by REMOVE secretHash',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
      ExpressionAttributeValues: { ':at': now.toISOString(), ':by': by },
    },
  };
}

export async function recordTokenIssued(db: Database, clientId: string, now: Date): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.apiClient(clientId),
      UpdateExpression: 'SET lastTokenAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': now.toISOString() },
    }),
  );
}

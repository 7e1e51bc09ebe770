/**
 * Creates or updates a table from the model's declaration: the local stack and the tests use
 * this; the CDK stack builds its table from the same `tableDefinition`.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from './model';
import type { Database } from './client';

function globalSecondaryIndexes(): GlobalSecondaryIndex[] {
  return Object.entries(tableDefinition.indexes).map(([name, index]) => ({
    IndexName: name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  }));
}

function attributeDefinitions(): AttributeDefinition[] {
  const names = [
    tableDefinition.partitionKey,
    tableDefinition.sortKey,
    ...Object.values(tableDefinition.indexes).flatMap((index) => [
      index.partitionKey,
      index.sortKey,
    ]),
  ];
  return names.map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
}

/** `stream: false` only for test tables whose stream nobody reads (see tests/support/stack.ts). */
export function createTableInput(
  tableName: string,
  { stream = true }: { stream?: boolean } = {},
): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ],
    AttributeDefinitions: attributeDefinitions(),
    GlobalSecondaryIndexes: globalSecondaryIndexes(),
    ...(stream
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.streamView } }
      : {}),
  };
}

/** Makes the table match the model: creates it, or adds the indexes it lacks. */
export async function ensureTable(
  db: Database,
  options: { stream?: boolean } = {},
): Promise<'created' | 'updated' | 'unchanged'> {
  let existing;
  try {
    existing = (await db.client.send(new DescribeTableCommand({ TableName: db.tableName }))).Table;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  if (!existing) {
    await db.client.send(new CreateTableCommand(createTableInput(db.tableName, options)));
    await db.client.send(
      new UpdateTimeToLiveCommand({
        TableName: db.tableName,
        TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
      }),
    );
    return 'created';
  }
  const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = globalSecondaryIndexes().filter((index) => !present.has(index.IndexName));
  for (const index of missing) {
    await db.client.send(
      new UpdateTableCommand({
        TableName: db.tableName,
        AttributeDefinitions: attributeDefinitions(),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
  return missing.length > 0 ? 'updated' : 'unchanged';
}

/**
 * Turns the table's stream on. A bulk load written before (benchmarks' markets) then leaves no
 * records in it: DynamoDB Local reads its stream more slowly the more records it holds.
 */
export async function enableStream(db: Database): Promise<void> {
  const { Table } = await db.client.send(new DescribeTableCommand({ TableName: db.tableName }));
  if (Table?.StreamSpecification?.StreamEnabled) return;
  await db.client.send(
    new UpdateTableCommand({
      TableName: db.tableName,
      StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.streamView },
    }),
  );
}

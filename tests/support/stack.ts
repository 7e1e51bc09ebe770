/** Helpers for tests that talk to the local stack started by the global setup. */
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../functions/lib/db/client';
import { ensureTable } from '../../functions/lib/db/table';

export const stack = () => inject('stack');

export function api(
  path: string,
  init: RequestInit & { json?: unknown; token?: string } = {},
): Promise<Response> {
  const { json, token, headers, ...rest } = init;
  return fetch(`${stack().appUrl}/api${path}`, {
    ...rest,
    headers: {
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
}

let db: Database | undefined;

/** A client on the stack's own table, to check what was stored. */
export function stackDatabase(): Database {
  const { tableName, dynamodbEndpoint, region } = stack();
  db ??= createDatabase({ tableName, endpoint: dynamodbEndpoint, region });
  return db;
}

/**
 * A table of the test file's own on the stack's DynamoDB Local, for tests that read the whole
 * market or that the stack's stream handlers must not race; drop it with `dropOwnTable`.
 * Without a stream unless the test reads it (`{ stream: true }`): DynamoDB Local keeps every
 * stream record of the run, and the more it keeps the slower every write to a table with a stream
 * (100 writes to a new table: 0.6 s at first, 2.1 s once 20,000 records are kept; without a
 * stream 0.15–0.2 s throughout).
 */
export async function createOwnTable(
  prefix: string,
  { stream = false }: { stream?: boolean } = {},
): Promise<Database> {
  const { dynamodbEndpoint, region } = stack();
  const own = createDatabase({
    tableName: `${prefix}-${randomUUID()}`,
    endpoint: dynamodbEndpoint,
    region,
  });
  await ensureTable(own, { stream });
  return own;
}

export async function dropOwnTable(own: Database | undefined): Promise<void> {
  await own?.client.send(new DeleteTableCommand({ TableName: own.tableName }));
}

/** A unique address per test, so parallel test files never read each other's mail. */
export function uniqueEmail(prefix = 'locataire'): string {
  return `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@exemple.re`;
}

/**
 * The DynamoDB clients, built once from configuration. Locally they point at DynamoDB Local;
 * on AWS the endpoint is left to the SDK.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';

export interface Database {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
}

export function createDatabase(options: {
  tableName: string;
  endpoint?: string;
  region: string;
}): Database {
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    maxAttempts: 6,
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { client, doc, tableName: options.tableName };
}

let shared: Database | undefined;

/** The process-wide database handle, from configuration. */
export function database(): Database {
  if (!shared) {
    const c = config();
    shared = createDatabase({
      tableName: c.tableName,
      endpoint: c.dynamodbEndpoint,
      region: c.region,
    });
  }
  return shared;
}

/**
 * The API alone, in a process of its own, on the test stack's DynamoDB Local: a test can kill it
 * with SIGKILL in the middle of requests, as a Lambda instance or a server can die.
 */
import { parseConfig } from '../../functions/lib/config';
import { createDatabase } from '../../functions/lib/db/client';
import { configureLogs } from '../../functions/lib/logger';
import { createLocalApp, startLocalServer } from '../../scripts/local/server';
import { apiContext } from '../../functions/api/deps';

configureLogs({ level: 'error' });
const config = parseConfig(process.env);
const db = createDatabase({
  tableName: config.tableName,
  endpoint: config.dynamodbEndpoint,
  region: config.region,
});
const server = await startLocalServer(
  createLocalApp(apiContext(config, db)),
  Number(process.env.PORT),
);
console.log(`ready ${server.url}`);

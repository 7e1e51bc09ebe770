/**
 * The least DynamoDB Local's CPU can spend writing an item of the table: items written in batches
 * of 25 (no condition, no transaction) into a table of the same keys and indexes but no stream, on
 * an engine of their own that nothing else uses, after a first round that lets the JVM compile its
 * write path. Whatever stores a publication's proposals on the local stack cannot write them for
 * less: `bench:publish` multiplies it by the items each publication must store to give that floor.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { batchPutAll } from '../../functions/lib/db/batch';
import { createDatabase } from '../../functions/lib/db/client';
import { createTableInput } from '../../functions/lib/db/table';
import { startDynamoDbLocal } from '../local/dynamodb';
import { freePort } from '../local/stack';
import { cpuMsOf, dynamoDbLocalPid } from './route-cost';

export interface WriteFloor {
  /** Median over the measured rounds, in ms of the engine's CPU per item. */
  msPerItem: number;
  items: number;
}

const ROUNDS = 5;

export async function cheapestWritePerItem(
  items: readonly Record<string, unknown>[],
): Promise<WriteFloor> {
  const engine = await startDynamoDbLocal({ port: await freePort() });
  try {
    const db = createDatabase({
      tableName: 'write-floor',
      endpoint: engine.endpoint,
      region: 'eu-west-3',
    });
    await db.client.send(new CreateTableCommand(createTableInput(db.tableName, { stream: false })));
    const pid = dynamoDbLocalPid(engine.endpoint);
    if (pid === undefined) throw new Error('DynamoDB Local not found');
    // Each round writes new items, as a publication does: its keys carry the round's number.
    const round = (n: number) => items.map((item) => ({ ...item, pk: `${String(item.pk)}#${n}` }));
    await batchPutAll(db, round(0), 1);
    const perRound: number[] = [];
    for (let n = 1; n <= ROUNDS; n += 1) {
      const written = round(n);
      const before = cpuMsOf(pid);
      await batchPutAll(db, written, 1);
      perRound.push((cpuMsOf(pid) - before) / items.length);
    }
    perRound.sort((a, b) => a - b);
    return { msPerItem: perRound[Math.floor(ROUNDS / 2)]!, items: items.length };
  } finally {
    await engine.stop();
  }
}

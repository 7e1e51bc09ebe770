/**
 * The fastest DynamoDB Local writes items of the table: in batches of 25 (no condition, no
 * transaction) into a table of the same keys and indexes but no stream, on an engine of its own
 * that nothing else uses, after a first round that lets the JVM compile its write path; one writer,
 * then several at once in case the engine works on more than one request at a time. Whatever
 * stores a publication's proposals on the local stack cannot write them faster: `bench:publish`
 * multiplies the time per item by the items each publication must store to give that floor.
 */
import { batchPutAll } from '../../functions/lib/db/batch';
import { createDatabase } from '../../functions/lib/db/client';
import { ensureTable } from '../../functions/lib/db/table';
import { startDynamoDbLocal } from '../local/dynamodb';
import { freePort } from '../local/stack';
import { cpuMsOf, dynamoDbLocalPid } from './route-cost';

export interface WriteFloor {
  /** The shortest time per item, writers at once as in `writers`. */
  msPerItem: number;
  writers: number;
  /** The engine's CPU per item in that round (more than `msPerItem` if it used several cores). */
  cpuMsPerItem: number;
  /** Items written per round. */
  items: number;
}

const ROUNDS = 3;
const WRITERS = [1, 2, 4];

export async function fastestWritePerItem(
  items: readonly Record<string, unknown>[],
): Promise<WriteFloor> {
  const engine = await startDynamoDbLocal({ port: await freePort() });
  try {
    const db = createDatabase({
      tableName: 'write-floor',
      endpoint: engine.endpoint,
      region: 'eu-west-3',
    });
    await ensureTable(db, { stream: false });
    const pid = dynamoDbLocalPid(engine.endpoint);
    if (pid === undefined) throw new Error('DynamoDB Local not found');
    // Each round writes new items, as a publication does: its keys carry the round's number.
    let round = 0;
    const fresh = () => {
      round += 1;
      return items.map((item) => ({ ...item, pk: `${String(item.pk)}#${round}` }));
    };
    await batchPutAll(db, fresh(), 1);
    let fastest: WriteFloor | undefined;
    for (let repeat = 0; repeat < ROUNDS; repeat += 1) {
      for (const writers of WRITERS) {
        const written = fresh();
        const cpuBefore = cpuMsOf(pid);
        const started = performance.now();
        await batchPutAll(db, written, writers);
        const msPerItem = (performance.now() - started) / items.length;
        if (fastest === undefined || msPerItem < fastest.msPerItem)
          fastest = {
            msPerItem,
            writers,
            cpuMsPerItem: (cpuMsOf(pid) - cpuBefore) / items.length,
            items: items.length,
          };
      }
    }
    return fastest!;
  } finally {
    await engine.stop();
  }
}

/**
 * The fastest DynamoDB Local writes proposals and their links, two ways: in batches of 25 (no
 * condition, no transaction), and as the conditional creates the matcher must use (each proposal
 * only if absent, with its links, in transactions of up to 100 items: what keeps two writers from
 * overwriting a proposal somebody answered meanwhile). Into a table of the same keys and indexes
 * but no stream, on an engine of its own that nothing else uses, after a first round that lets the
 * JVM compile its write path; one writer, then several at once in case the engine works on more
 * than one request at a time. Whatever stores a publication's proposals on the local stack cannot
 * write them faster: `bench:publish` multiplies the time per item by the items each publication
 * must store to give that floor.
 */
import pLimit from 'p-limit';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { batchPutAll } from '../../functions/lib/db/batch';
import { createDatabase, type Database } from '../../functions/lib/db/client';
import {
  matchCreateItems,
  storedMatchItems,
  transactionsOf,
  type StoredMatch,
} from '../../functions/lib/db/matches';
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

export interface WriteFloors {
  /** Batches of 25, no condition. */
  batched: WriteFloor;
  /** Each proposal created only if absent, with its links, in transactions of up to 100 items. */
  conditional: WriteFloor;
}

const ROUNDS = 3;
const WRITERS = [1, 2, 4];

type Write = (db: Database, matches: StoredMatch[], writers: number) => Promise<unknown>;

const batched: Write = (db, matches, writers) =>
  batchPutAll(
    db,
    matches.flatMap((m) => storedMatchItems(m)),
    writers,
  );

// The matcher's own transactions (`storeNewMatches`), without its counts' item.
const conditional: Write = async (db, matches, writers) => {
  const limit = pLimit(writers);
  await Promise.all(
    transactionsOf(matches).map((chunk) =>
      limit(() =>
        db.doc.send(
          new TransactWriteCommand({
            TransactItems: chunk.flatMap((match) => matchCreateItems(db, match)),
          }),
        ),
      ),
    ),
  );
};

export async function fastestWritesPerItem(matches: readonly StoredMatch[]): Promise<WriteFloors> {
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
    const items = matches.reduce((sum, m) => sum + 1 + m.participants.length, 0);
    // Each round writes new proposals, as a publication does: their ids carry the round's number.
    let round = 0;
    const fresh = () => {
      round += 1;
      return matches.map((match) => ({ ...match, id: `${match.id}-${round}` }));
    };
    const fastest = async (write: Write): Promise<WriteFloor> => {
      await write(db, fresh(), 1);
      let best: WriteFloor | undefined;
      for (let repeat = 0; repeat < ROUNDS; repeat += 1) {
        for (const writers of WRITERS) {
          const written = fresh();
          const cpuBefore = cpuMsOf(pid);
          const started = performance.now();
          await write(db, written, writers);
          const msPerItem = (performance.now() - started) / items;
          if (best === undefined || msPerItem < best.msPerItem)
            best = { msPerItem, writers, cpuMsPerItem: (cpuMsOf(pid) - cpuBefore) / items, items };
        }
      }
      return best!;
    };
    return { batched: await fastest(batched), conditional: await fastest(conditional) };
  } finally {
    await engine.stop();
  }
}

/**
 * A stream batch's statistics in few writes: the changes not yet applied (their markers read in
 * one batch) are packed into transactions of at most 100 items, each holding the conditional
 * marker of every change it carries and ONE combined ADD per aggregate item. A transaction is
 * atomic, so a change is counted with its marker or not at all; a replayed, re-split or reordered
 * batch finds its markers and changes nothing (sums commute).
 */
import { ConflictError } from '../../../shared/errors';
import { addInto, splitCell, type Cells } from '../../../shared/stats/index';
import { batchGetAll } from './batch';
import type { Database } from './client';
import { keys } from './model';
import { applyStatsChange, markerPut, targetsOf, updateOf } from './stats';
import { transactWrite } from './transact';

export interface CellChange {
  id: string;
  cells: Cells;
}

/** DynamoDB's limit of items per transaction. */
const TRANSACTION_ITEMS = 100;

/** Raised when a write fails: the changes before `firstUnapplied` (in the order given) are counted. */
export class StatsBatchError extends Error {
  constructor(
    readonly firstUnapplied: string,
    cause: unknown,
  ) {
    super('Statistiques : lot appliqué en partie.', { cause });
  }
}

class MarkerTakenError extends ConflictError {
  constructor() {
    super('Un changement du lot est déjà compté.');
  }
}

interface Pack {
  ids: string[];
  cells: Cells;
  targets: Set<string>;
  /** Too large to share a transaction: applied through the per-change path. */
  alone: boolean;
}

const targetIdsOf = (cells: Cells) => targetsOf(cells).map((t) => `${t.key.pk}|${t.key.sk}`);

/** Changes already applied, by their markers (one consistent batch read). */
async function appliedIds(db: Database, ids: string[]): Promise<Set<string>> {
  const found = await batchGetAll(db, ids.map((id) => keys.statsEvent(id)), { projection: 'pk', consistent: true });
  const prefix = keys.statsEvent('').pk;
  return new Set(found.map((item) => String(item.pk).slice(prefix.length)));
}

/**
 * Greedy packing in order: a pack holds markers plus distinct aggregate items ≤ 100; a change
 * too large for one transaction goes alone through the per-change path, in its place.
 */
function packsOf(changes: CellChange[]): Pack[] {
  const packs: Pack[] = [];
  const fresh = (): Pack => ({ ids: [], cells: new Map(), targets: new Set(), alone: false });
  let pack = fresh();
  const flush = () => {
    if (pack.ids.length > 0) packs.push(pack);
    pack = fresh();
  };
  for (const change of changes) {
    const own = targetIdsOf(change.cells);
    if (own.length + 1 > TRANSACTION_ITEMS) {
      flush();
      packs.push({ ids: [change.id], cells: change.cells, targets: new Set(own), alone: true });
      continue;
    }
    const added = own.filter((id) => !pack.targets.has(id)).length;
    if (pack.ids.length + 1 + pack.targets.size + added > TRANSACTION_ITEMS) flush();
    pack.ids.push(change.id);
    own.forEach((id) => pack.targets.add(id));
    for (const [key, amount] of change.cells) {
      const { month, scope, counter } = splitCell(key);
      addInto(pack.cells, month, [[scope, counter, amount]], 1);
    }
  }
  flush();
  return packs;
}

async function writePack(db: Database, pack: Pack, now: Date): Promise<void> {
  const items = [...pack.ids.map((id) => markerPut(db, id, now)), ...targetsOf(pack.cells).map((t) => updateOf(db, t))];
  await transactWrite(db, items, () => new MarkerTakenError());
}

/** Counts each change of a pack on its own (markers make it safe to try them all again). */
async function applyOneByOne(db: Database, pack: Pack, byId: Map<string, CellChange>, now: Date): Promise<number> {
  let counted = 0;
  for (const id of pack.ids) if (await applyStatsChange(db, id, byId.get(id)!.cells, now)) counted += 1;
  return counted;
}

/**
 * Applies the changes of one stream batch, in order; returns how many were counted now. On a
 * failed write throws a StatsBatchError naming the first change left uncounted (those before it
 * are counted, so the stream may resume there).
 */
export async function applyStatsChanges(db: Database, changes: CellChange[], now: Date): Promise<number> {
  const byId = new Map(changes.filter((c) => c.cells.size > 0).map((c) => [c.id, c]));
  if (byId.size === 0) return 0;
  const applied = await appliedIds(db, [...byId.keys()]);
  let counted = 0;
  // A change too large for one transaction has several markers: the per-change path checks each.
  const pending = [...byId.values()].filter((c) => !applied.has(c.id) || targetIdsOf(c.cells).length + 1 > TRANSACTION_ITEMS);
  for (const pack of packsOf(pending)) {
    try {
      if (pack.alone) {
        counted += await applyOneByOne(db, pack, byId, now);
        continue;
      }
      try {
        await writePack(db, pack, now);
        counted += pack.ids.length;
      } catch (error) {
        // Another delivery counted some of these changes meanwhile: count the others one by one.
        if (!(error instanceof MarkerTakenError)) throw error;
        counted += await applyOneByOne(db, pack, byId, now);
      }
    } catch (error) {
      throw new StatsBatchError(pack.ids[0]!, error);
    }
  }
  return counted;
}

/**
 * Applies a batch of statistics changes with one conditional UpdateItem per aggregate item: the
 * batch's sums for that item are combined first, and the ids of the changes they come from are
 * ADDed to a set on the item in the same write. The condition refuses the write when any of those
 * ids is in the set already, so a redelivered, re-split or reordered batch changes nothing; the
 * ids already counted are then read back and the write is retried with the others only.
 *
 * The sets stay small: a change id goes into one of three slots chosen by the UTC day its stream
 * record was created. A stream keeps records 24 hours, so only today's and yesterday's slots can
 * still be replayed; the third one holds ids that can no longer come back and is emptied when its
 * day comes round again (`appliedDay<n>` says which day a slot holds).
 */
import { createHash } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from './client';
import type { Target } from './stats-target';

export const APPLIED_SLOTS = 3;
export const appliedIdsAttribute = (slot: number) => `appliedIds${slot}`;
export const appliedDayAttribute = (slot: number) => `appliedDay${slot}`;
/** One write names at most this many change ids (its condition stays under 4 KB). */
const IDS_PER_WRITE = 80;
/** Aggregate writes in flight at once. */
const CONCURRENCY = 16;
const MAX_ATTEMPTS = 8;

/** A compact, stable id for a change (its record's key and sequence number). */
export const compactChangeId = (changeId: string) =>
  createHash('sha256').update(changeId).digest('base64url').slice(0, 16);

/** The UTC day number a stream record was created (0 when the record does not say). */
export const creationDayOf = (approximateCreationSeconds: number | undefined) =>
  approximateCreationSeconds ? Math.floor(approximateCreationSeconds / 86_400) : 0;

/** One change's part in one aggregate item. */
export interface Contribution {
  id: string;
  day: number;
  adds: Record<string, number>;
}

export interface AggregateWrites {
  target: Omit<Target, 'adds'>;
  contributions: Contribution[];
}

/** Groups changes' targets by stored item, keeping each change's own sums. */
export class BatchCombiner {
  private readonly byItem = new Map<string, AggregateWrites>();

  add(changeId: string, day: number, targets: Target[]): void {
    for (const { adds, ...target } of targets) {
      const id = `${target.key.pk}|${target.key.sk}`;
      const writes = this.byItem.get(id) ?? { target, contributions: [] };
      writes.contributions.push({ id: changeId, day, adds });
      this.byItem.set(id, writes);
    }
  }

  items(): AggregateWrites[] {
    return [...this.byItem.values()];
  }
}

const isConditionFailure = (error: unknown) =>
  (error as Error).name === 'ConditionalCheckFailedException';

function updateInput(db: Database, target: AggregateWrites['target'], parts: Contribution[]) {
  const names: Record<string, string> = { '#entity': 'entity', '#month': 'month' };
  const values: Record<string, unknown> = { ':entity': target.entity, ':month': target.month };
  const sets = ['#entity = :entity', '#month = :month'];
  if (target.scope) {
    names['#scope'] = 'scope';
    values[':scope'] = target.scope;
    sets.push('#scope = :scope');
  }
  const sums = new Map<string, number>();
  for (const part of parts)
    for (const [attribute, amount] of Object.entries(part.adds))
      sums.set(attribute, (sums.get(attribute) ?? 0) + amount);
  const adds = [...sums].map(([attribute, amount], i) => {
    names[`#a${i}`] = attribute;
    values[`:a${i}`] = amount;
    return `#a${i} :a${i}`;
  });
  const conditions: string[] = [];
  const days = new Map<number, string[]>();
  for (const part of parts) days.set(part.day, [...(days.get(part.day) ?? []), part.id]);
  let n = 0;
  for (const [day, ids] of days) {
    const slot = day % APPLIED_SLOTS;
    names[`#s${slot}`] = appliedIdsAttribute(slot);
    names[`#d${slot}`] = appliedDayAttribute(slot);
    values[`:d${slot}`] = day;
    values[`:s${slot}`] = new Set(ids);
    sets.push(`#d${slot} = :d${slot}`);
    adds.push(`#s${slot} :s${slot}`);
    conditions.push(`(attribute_not_exists(#d${slot}) OR #d${slot} = :d${slot})`);
    for (const id of ids) {
      values[`:i${n}`] = id;
      conditions.push(`NOT contains(#s${slot}, :i${n})`);
      n += 1;
    }
  }
  return {
    TableName: db.tableName,
    Key: target.key,
    UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * After a refused write: empties the slots that hold an older day (their ids can no longer be
 * replayed) and returns the parts not counted yet.
 */
async function partsStillToApply(
  db: Database,
  target: AggregateWrites['target'],
  parts: Contribution[],
): Promise<Contribution[]> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: target.key, ConsistentRead: true }),
  );
  const slots = [...new Set(parts.map((part) => part.day % APPLIED_SLOTS))];
  for (const slot of slots) {
    const heldDay = Item?.[appliedDayAttribute(slot)] as number | undefined;
    const wantedDay = parts.find((part) => part.day % APPLIED_SLOTS === slot)!.day;
    if (heldDay === undefined || heldDay === wantedDay) continue;
    if (heldDay > wantedDay)
      throw new Error('statistics: a change older than the stream retention');
    try {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: target.key,
          UpdateExpression: 'SET #d = :day REMOVE #s',
          ConditionExpression: '#d = :held',
          ExpressionAttributeNames: {
            '#d': appliedDayAttribute(slot),
            '#s': appliedIdsAttribute(slot),
          },
          ExpressionAttributeValues: { ':day': wantedDay, ':held': heldDay },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // another writer emptied it first
    }
    if (Item) delete Item[appliedIdsAttribute(slot)];
  }
  return parts.filter((part) => {
    const applied = Item?.[appliedIdsAttribute(part.day % APPLIED_SLOTS)] as
      Set<string> | undefined;
    return !applied?.has(part.id);
  });
}

/** Adds the parts not counted yet to one aggregate item. */
async function applyToItem(
  db: Database,
  target: AggregateWrites['target'],
  parts: Contribution[],
): Promise<void> {
  let pending = parts;
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt >= MAX_ATTEMPTS) throw new Error('statistics: an aggregate kept refusing writes');
    try {
      await db.doc.send(new UpdateCommand(updateInput(db, target, pending)));
      return;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      pending = await partsStillToApply(db, target, pending);
    }
  }
}

/** Applies every aggregate's combined sums, a bounded number of items at a time. */
export async function applyCombined(db: Database, writes: AggregateWrites[]): Promise<void> {
  // One item's writes are serialised by DynamoDB; different items' run side by side.
  const jobs = writes.flatMap(({ target, contributions }) => {
    const jobsOfItem: Array<() => Promise<void>> = [];
    for (let start = 0; start < contributions.length; start += IDS_PER_WRITE) {
      const chunk = contributions.slice(start, start + IDS_PER_WRITE);
      jobsOfItem.push(() => applyToItem(db, target, chunk));
    }
    return jobsOfItem;
  });
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
}

/** The applied-change attributes of a stored aggregate item (none when absent). */
export function appliedChangesOf(
  item: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (!item) return {};
  const names = new Set(
    Array.from({ length: APPLIED_SLOTS }, (_, slot) => [
      appliedIdsAttribute(slot),
      appliedDayAttribute(slot),
    ]).flat(),
  );
  return Object.fromEntries(Object.entries(item).filter(([name]) => names.has(name)));
}

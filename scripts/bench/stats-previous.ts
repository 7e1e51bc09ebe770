/**
 * The statistics aggregator as of 9b229ea, kept as the bench's reference: one transaction per
 * stream record holding a `StatsEvent` marker of the record's id and the ADD of its sums to each
 * aggregate item. `npm run bench:stats` measures it side by side with the current one.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import {
  STATS_SOURCES,
  cellsOf,
  changeOf,
  listingFactsOf,
  listingIdsNamedBy,
  type Item,
  type ListingFacts,
} from '../../shared/stats/index';
import type { Database } from '../../functions/lib/db/client';
import { getListings } from '../../functions/lib/db/listings';
import { ENTITY, keys, ttlAt } from '../../functions/lib/db/model';
import { targetsOf, type Target } from '../../functions/lib/db/stats';
import { newImage, oldImage, stringAttribute } from '../../functions/lib/stream-image';
import { changeIdOf, type StatsDeps } from '../../functions/stats/handler';

const PER_TRANSACTION = 99;

function updateOf(db: Database, target: Target) {
  const names: Record<string, string> = { '#entity': 'entity', '#month': 'month' };
  const values: Record<string, unknown> = { ':entity': target.entity, ':month': target.month };
  const adds = Object.entries(target.adds).map(([attribute, amount], i) => {
    names[`#a${i}`] = attribute;
    values[`:a${i}`] = amount;
    return `#a${i} :a${i}`;
  });
  if (target.scope) {
    names['#scope'] = 'scope';
    values[':scope'] = target.scope;
  }
  return {
    Update: {
      TableName: db.tableName,
      Key: target.key,
      UpdateExpression: `SET #entity = :entity, #month = :month${target.scope ? ', #scope = :scope' : ''} ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

function markerPut(db: Database, changeId: string, now: Date) {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.statsEvent(changeId),
        entity: ENTITY.statsEvent,
        appliedAt: now.toISOString(),
        ttl: ttlAt(new Date(now.getTime() + 7 * 86_400_000)),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

async function applyStatsChange(db: Database, changeId: string, targets: Target[], now: Date) {
  for (let start = 0, part = 0; start < targets.length; start += PER_TRANSACTION, part += 1) {
    const markerId = part === 0 ? changeId : `${changeId}#${part}`;
    try {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            markerPut(db, markerId, now),
            ...targets.slice(start, start + PER_TRANSACTION).map((t) => updateOf(db, t)),
          ],
        }),
      );
    } catch (error) {
      const marked =
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
      if (!marked) throw error;
    }
  }
}

async function aggregateRecord(deps: StatsDeps, record: DynamoDBRecord): Promise<void> {
  if (record.eventName === 'REMOVE') return;
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  if (!STATS_SOURCES.has(stringAttribute(image, 'entity') ?? '')) return;
  const before = oldImage(record);
  const after = newImage(record);
  const ids = [...new Set([before, after].flatMap(listingIdsNamedBy))];
  const found = new Map<string, ListingFacts>();
  if (ids.length > 0) {
    for (const listing of (await getListings(deps.db, ids)).values()) {
      const facts = listingFactsOf(listing as unknown as Item);
      if (facts) found.set(facts.id, facts);
    }
  }
  const change = changeOf({ id: changeIdOf(record), before, after }, (id) => found.get(id));
  const cells = cellsOf(change);
  if (cells.size > 0) await applyStatsChange(deps.db, change.id, targetsOf(cells), deps.now());
}

export function createPreviousStatsAggregator(deps: StatsDeps) {
  return async function aggregateFromStream(
    event: DynamoDBStreamEvent,
  ): Promise<DynamoDBBatchResponse> {
    for (const record of event.Records) {
      try {
        await aggregateRecord(deps, record);
      } catch {
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
}

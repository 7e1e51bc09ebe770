/** Reports to Armos: one item each, listed by time on gsi1. */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { z } from 'zod';
import type { storedReportSchema } from '../../../shared/schemas/moderation';
import type { Database } from './client';
import { ENTITY, fromItem, indexKeys, keys, INDEX, indexPartitions } from './model';
import type { TransactItem } from './transact';

export type StoredReport = z.infer<typeof storedReportSchema>;

export function reportPut(
  db: Database,
  report: Omit<StoredReport, 'id'>,
  now: Date,
): { item: TransactItem; report: StoredReport } {
  const stored: StoredReport = { ...report, id: ulid(now.getTime()) };
  return {
    report: stored,
    item: {
      Put: {
        TableName: db.tableName,
        Item: {
          ...keys.report(stored.id),
          entity: ENTITY.report,
          ...indexKeys.reportsByTime(stored.createdAt),
          ...stored,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/** The latest reports, newest first. */
export async function latestReports(db: Database, limit = 100): Promise<StoredReport[]> {
  const { Items } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: INDEX.byParent,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexPartitions.reportsByTime },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => fromItem<StoredReport>(item));
}

/** The reports a person sent (for their data export), among the latest ones. */
export async function reportsSentBy(db: Database, reporterId: string): Promise<StoredReport[]> {
  return (await latestReports(db, 1000)).filter((report) => report.reporterId === reporterId);
}

/** Erasure of a reporter: the report stays for Armos, without the link to the person. */
export async function forgetReporter(db: Database, reportId: string): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: keys.report(reportId),
      UpdateExpression: 'SET reporterId = :erased',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':erased': 'effacé' },
    }),
  );
}

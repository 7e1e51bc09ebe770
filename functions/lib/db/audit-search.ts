/**
 * Armos's audit screen: entries of a period, optionally of one actor and one action, newest
 * first, a page at a time. By actor it reads the actor's index (every entry ever written); over
 * everyone it reads the month partitions of the period, newest month first (entries written since
 * the month index exists; older ones remain readable by actor or by subject).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from './client';
import { strip, type AuditItem } from './audit';
import { indexKeys, indexPartitions } from './model';

export interface AuditSearch {
  actorId?: string;
  action?: string;
  /** ISO instants, inclusive. */
  from: string;
  to: string;
  limit: number;
}

/** Where the next page starts: the month partition being read and the position in it. */
export interface AuditPosition {
  month?: string;
  key?: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditItem[];
  next?: AuditPosition;
}

/** `YYYY-MM` months from `to`'s back to `from`'s. */
export function monthsBackwards(from: string, to: string): string[] {
  const months: string[] = [];
  const start = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  for (let at = new Date(`${to.slice(0, 7)}-01T00:00:00Z`); at >= start;) {
    months.push(at.toISOString().slice(0, 7));
    at = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1));
  }
  return months;
}

async function queryPage(
  db: Database,
  index: 'gsi1' | 'gsi2',
  partition: string,
  search: AuditSearch,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ items: AuditItem[]; last?: Record<string, unknown> }> {
  const pk = `${index}pk`;
  const sk = `${index}sk`;
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: index,
      KeyConditionExpression: `${pk} = :pk AND ${sk} BETWEEN :from AND :to`,
      ...(search.action
        ? {
            FilterExpression: '#action = :action',
            ExpressionAttributeNames: { '#action': 'action' },
          }
        : {}),
      ExpressionAttributeValues: {
        ':pk': partition,
        ':from': search.from,
        ':to': search.to,
        ...(search.action ? { ':action': search.action } : {}),
      },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return { items: (result.Items ?? []).map(strip), last: result.LastEvaluatedKey };
}

/** At most this many reads per page: a filter on a rare action must not read a year of entries at once. */
const MAX_READS = 12;

export async function searchAudit(
  db: Database,
  search: AuditSearch,
  position: AuditPosition = {},
): Promise<AuditPage> {
  const items: AuditItem[] = [];
  if (search.actorId) {
    let key = position.key;
    for (let reads = 0; reads < MAX_READS && items.length < search.limit; reads++) {
      const page = await queryPage(
        db,
        'gsi1',
        indexPartitions.auditByActor(search.actorId),
        search,
        search.limit - items.length,
        key,
      );
      items.push(...page.items);
      key = page.last;
      if (!key) return { items };
    }
    return { items, next: { key } };
  }
  const months = monthsBackwards(search.from, search.to);
  let at = position.month ? months.indexOf(position.month) : 0;
  let key = position.key;
  for (let reads = 0; reads < MAX_READS && at >= 0 && at < months.length; reads++) {
    const page = await queryPage(
      db,
      'gsi2',
      indexKeys.auditByMonth(`${months[at]}-01`).gsi2pk,
      search,
      search.limit - items.length,
      key,
    );
    items.push(...page.items);
    key = page.last;
    if (!key) at++;
    if (items.length >= search.limit) break;
  }
  return at >= 0 && at < months.length ? { items, next: { month: months[at], key } } : { items };
}

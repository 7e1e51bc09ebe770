/**
 * Vacant dwellings offered to mutation: one item each, listed by lessor on gsi1; open ones also on
 * gsi2 by expiry (sparse), which the matcher reads whole and the expiry job walks. The chains a
 * vacancy starts are linked under it once stored as proposals.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Typology } from '../../../shared/reference/index';
import type { Vacancy, VacancyStatus } from '../../../shared/schemas/vacancy';
import { batchPutAll, queryAll } from './batch';
import type { Database } from './client';
import {
  ENTITY,
  fromItem,
  indexKeys,
  indexPosition,
  keys,
  ttlAt,
  indexPartitions,
  INDEX,
} from './model';
import type { TransactItem } from './transact';

/** A vacancy as stored: the view without its chains, with a version for conditional writes. */
export type StoredVacancy = Omit<Vacancy, 'chains'> & { version: number };

/** Offered for 60 days, then expired unless renewed. */
export const VACANCY_DAYS = 60;
/** A vacancy that ended is deleted a year later (it names no person; Armos's history keeps it that long). */
const ENDED_RETENTION_DAYS = 365;

/** Ended: nothing will happen to it any more (an engaged vacancy may come back open). */
const ENDED: readonly VacancyStatus[] = ['withdrawn', 'expired', 'let'];

function vacancyItem(vacancy: StoredVacancy): Record<string, unknown> {
  const open = vacancy.status === 'open';
  const ended = ENDED.includes(vacancy.status);
  return {
    ...keys.vacancy(vacancy.id),
    entity: ENTITY.vacancy,
    ...indexKeys.vacanciesByLessor(vacancy.lessorId, vacancy.id),
    ...(open ? indexKeys.openVacancies(vacancy.expiresAt, vacancy.id) : {}),
    ...vacancy,
    ...(ended ? { ttl: ttlAt(new Date(vacancy.updatedAt)) + ENDED_RETENTION_DAYS * 86_400 } : {}),
  };
}

export function toVacancy(item: Record<string, unknown>): StoredVacancy {
  const stored = fromItem<StoredVacancy>(item);
  // Stream images (DynamoDB Local) may omit empty lists and maps: restore them.
  return {
    ...stored,
    priority: stored.priority ?? {},
    dwelling: { ...stored.dwelling, features: stored.dwelling.features ?? [] },
  };
}

export function vacancyCreatePut(db: Database, vacancy: StoredVacancy): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: vacancyItem(vacancy),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Saves a changed vacancy if nobody changed it since it was read at `readVersion`. */
export function vacancyUpdatePut(
  db: Database,
  vacancy: StoredVacancy,
  readVersion: number,
): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: vacancyItem({ ...vacancy, version: readVersion + 1 }),
      ConditionExpression: 'version = :read',
      ExpressionAttributeValues: { ':read': readVersion },
    },
  };
}

/**
 * A vacancy's change within a chain swap: it must still be in `expected` status at the version
 * read, so that two chains through one vacancy cannot both engage it.
 */
export function vacancySwapPut(
  db: Database,
  vacancy: StoredVacancy,
  readVersion: number,
  expected: VacancyStatus,
): TransactItem {
  const put = vacancyUpdatePut(db, vacancy, readVersion).Put!;
  return {
    Put: {
      ...put,
      ConditionExpression: 'version = :read AND #status = :expected',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ...put.ExpressionAttributeValues, ':expected': expected },
    },
  };
}

export async function findVacancy(
  db: Database,
  vacancyId: string,
): Promise<StoredVacancy | undefined> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys.vacancy(vacancyId), ConsistentRead: true }),
  );
  return Item ? toVacancy(Item) : undefined;
}

/** One page of vacancies, newest first: one lessor's, or every lessor's (lessor by lessor). */
export async function vacanciesPage(
  db: Database,
  lessorId: string | undefined,
  page: { limit: number; cursor?: Record<string, unknown> },
): Promise<{ vacancies: StoredVacancy[]; cursor?: Record<string, unknown> }> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: INDEX.byParent,
      KeyConditionExpression: lessorId
        ? 'gsi1pk = :pk AND begins_with(gsi1sk, :lessor)'
        : 'gsi1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': indexPartitions.vacanciesByLessor,
        ...(lessorId ? { ':lessor': `${lessorId}#` } : {}),
      },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: page.cursor,
    }),
  );
  return { vacancies: (result.Items ?? []).map(toVacancy), cursor: result.LastEvaluatedKey };
}

/** Reads of the open vacancies per page, and items read each time when one lessor's are picked out. */
const MAX_READS_PER_PAGE = 5;
const READ_WHEN_FILTERING = 100;

/**
 * One page of open vacancies, the offer ending soonest first: every lessor's, or one's. A lessor's
 * are picked out of every lessor's, so reading goes on until the page is full (or the reads run
 * out, with a cursor to go on): a page is never empty while later ones are not.
 */
export async function openVacanciesPage(
  db: Database,
  lessorId: string | undefined,
  page: { limit: number; cursor?: Record<string, unknown> },
): Promise<{ vacancies: StoredVacancy[]; cursor?: Record<string, unknown> }> {
  const found: Record<string, unknown>[] = [];
  let cursor = page.cursor;
  for (let reads = 0; reads < MAX_READS_PER_PAGE && found.length < page.limit; reads++) {
    const result = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: INDEX.lessorQueues,
        KeyConditionExpression: 'gsi2pk = :pk',
        ...(lessorId ? { FilterExpression: 'lessorId = :lessor' } : {}),
        ExpressionAttributeValues: {
          ':pk': indexPartitions.openVacancies,
          ...(lessorId ? { ':lessor': lessorId } : {}),
        },
        Limit: lessorId ? READ_WHEN_FILTERING : page.limit,
        ExclusiveStartKey: cursor,
      }),
    );
    found.push(...(result.Items ?? []));
    cursor = result.LastEvaluatedKey;
    if (!cursor) break;
  }
  // More than the page holds: the next page starts right after the last one shown.
  if (found.length > page.limit) {
    found.length = page.limit;
    cursor = indexPosition(found.at(-1)!, INDEX.lessorQueues);
  }
  return { vacancies: found.map(toVacancy), ...(cursor ? { cursor } : {}) };
}

/** Every open vacancy (a few hundred at most: a lessor offers what it would otherwise re-let). */
export async function openVacancies(db: Database): Promise<StoredVacancy[]> {
  const items = await queryAll(db, {
    IndexName: INDEX.lessorQueues,
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': indexPartitions.openVacancies },
  });
  return items.map(toVacancy);
}

/** Open vacancies whose offer ended at or before `at` (ISO). */
export async function openVacanciesExpiredBy(db: Database, at: string): Promise<StoredVacancy[]> {
  const items = await queryAll(db, {
    IndexName: INDEX.lessorQueues,
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :at',
    ExpressionAttributeValues: { ':pk': indexPartitions.openVacancies, ':at': `${at}#~` },
  });
  return items.map(toVacancy);
}

export interface VacancyChainLink {
  vacancyId: string;
  matchId: string;
  status: string;
  score: number;
  /** The movers' listings, first mover first. */
  listingIds: string[];
  /** Where each mover comes from, first mover first (no person named). */
  path: Array<{ communeCode: string; quartierId: string; typology: Typology }>;
}

export async function putVacancyChainLinks(db: Database, links: VacancyChainLink[]): Promise<void> {
  await batchPutAll(
    db,
    links.map((link) => ({
      ...keys.vacancyChainLink(link.vacancyId, link.matchId),
      entity: ENTITY.vacancyChainLink,
      ...link,
    })),
  );
}

export async function vacancyChainLinks(
  db: Database,
  vacancyId: string,
): Promise<VacancyChainLink[]> {
  const prefix = keys.vacancyChainLinksPrefix(vacancyId);
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
  });
  return items.map((item) => fromItem<VacancyChainLink>(item));
}

export function isOpen(vacancy: StoredVacancy, now: Date): boolean {
  return vacancy.status === 'open' && vacancy.expiresAt > now.toISOString();
}

export type { VacancyStatus };

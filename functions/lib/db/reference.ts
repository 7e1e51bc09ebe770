/** Reference data (communes, quartiers, lessors, motives, income ceilings) as items Armos can edit. */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ReceptionPoint, ReferenceData } from '../../../shared/reference/index';
import type {
  IncomeCeilingYear,
  StoredIncomeCeilingYear,
} from '../../../shared/schemas/income-ceilings';
import { ENTITY, keys, type ReferenceKind } from './model';
import type { Database } from './client';
import { queryAll } from './batch';
import type { TransactItem } from './transact';

type Row = Record<string, unknown> & { kind: ReferenceKind };

/** The stored items of `data`, one per commune, quartier, lessor, motive and reception point. */
export function referenceItems(
  data: ReferenceData,
): Array<Record<string, unknown> & { pk: string; sk: string }> {
  const rows: Row[] = [
    ...data.communes.map((commune) => ({ kind: 'COMMUNE' as const, id: commune.code, ...commune })),
    ...data.quartiers.map((quartier) => ({ kind: 'QUARTIER' as const, ...quartier })),
    ...data.lessors.map((lessor) => ({ kind: 'LESSOR' as const, ...lessor })),
    ...data.motives.map((motive) => ({ kind: 'MOTIVE' as const, ...motive })),
    ...data.receptionPoints.map(receptionPointRow),
    ...(data.incomeCeilings ?? []).map(ceilingsRow),
  ];
  return rows.map((row) => ({
    ...keys.reference(row.kind, String(row.id ?? row.code)),
    entity: ENTITY.reference,
    ...row,
  }));
}

const ceilingsRow = (table: IncomeCeilingYear): Row => ({
  kind: 'CEILINGS' as const,
  id: String(table.year),
  ...table,
});

/** Armos's table for a year: a whole item without `seedVersion`, so reloading the seed keeps it. */
export function incomeCeilingYearPut(
  db: Database,
  table: IncomeCeilingYear,
  by: string,
  now: Date,
): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.reference('CEILINGS', String(table.year)),
        entity: ENTITY.reference,
        ...ceilingsRow(table),
        updatedAt: now.toISOString(),
        updatedBy: by,
      },
    },
  };
}

/** Every year's table as stored (Armos's edits and the seed), newest year first. */
export async function readIncomeCeilings(db: Database): Promise<StoredIncomeCeilingYear[]> {
  const rows = (await queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :kind)',
    ExpressionAttributeValues: {
      ':pk': keys.referencePrefix().pk,
      ':kind': keys.referencePrefix('CEILINGS').skPrefix,
    },
    ConsistentRead: true,
  })) as Row[];
  return rows.map(toCeilingYear).sort((a, b) => b.year - a.year);
}

function toCeilingYear(row: Row): StoredIncomeCeilingYear {
  return {
    year: Number(row.year),
    source: String(row.source),
    financings: (row.financings ?? {}) as IncomeCeilingYear['financings'],
    ...(row.updatedAt ? { updatedAt: String(row.updatedAt) } : {}),
    ...(row.updatedBy ? { updatedBy: String(row.updatedBy) } : {}),
  };
}

const receptionPointRow = (point: ReceptionPoint): Row => ({
  ...point,
  kind: 'RECEPTION' as const,
  pointKind: point.kind,
});

export async function putReceptionPoint(db: Database, point: ReceptionPoint): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        ...keys.reference('RECEPTION', point.id),
        entity: ENTITY.reference,
        ...receptionPointRow(point),
      },
    }),
  );
}

/** Returns whether there was such a point. */
export async function deleteReceptionPoint(db: Database, id: string): Promise<boolean> {
  const { Attributes } = await db.doc.send(
    new DeleteCommand({
      TableName: db.tableName,
      Key: keys.reference('RECEPTION', id),
      ReturnValues: 'ALL_OLD',
    }),
  );
  return Attributes !== undefined;
}

export async function readReferenceData(db: Database): Promise<ReferenceData> {
  const rows = (await queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.referencePrefix().pk },
  })) as Row[];
  const of = (kind: ReferenceKind) => rows.filter((row) => row.kind === kind);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'fr');
  return {
    communes: of('COMMUNE')
      .map((r) => ({ code: String(r.code), name: String(r.name) }))
      .sort(byName),
    quartiers: of('QUARTIER')
      .map((r) => ({ id: String(r.id), communeCode: String(r.communeCode), name: String(r.name) }))
      .sort(byName),
    lessors: of('LESSOR')
      .map((r) => ({
        id: String(r.id),
        name: String(r.name),
        ...(r.group ? { group: String(r.group) } : {}),
      }))
      .sort(byName),
    motives: of('MOTIVE').map((r) => ({ id: String(r.id), label: String(r.label) })),
    receptionPoints: of('RECEPTION')
      .map((r) => ({
        id: String(r.id),
        kind: r.pointKind as ReceptionPoint['kind'],
        name: String(r.name),
        communeCode: String(r.communeCode),
        place: String(r.place),
      }))
      .sort(byName),
    incomeCeilings: of('CEILINGS')
      .map(toCeilingYear)
      .sort((a, b) => b.year - a.year),
  };
}

/** Reference data changes rarely: each process keeps it for a minute. */
export function cachedReferenceData(db: Database, maxAgeMs = 60_000): () => Promise<ReferenceData> {
  let cached: { at: number; data: ReferenceData } | undefined;
  return async () => {
    if (!cached || Date.now() - cached.at > maxAgeMs)
      cached = { at: Date.now(), data: await readReferenceData(db) };
    return cached.data;
  };
}

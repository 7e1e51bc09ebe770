/**
 * The reference-data loader every deployment runs (and the local stack at every start), on
 * DynamoDB Local: a new table gets what the local stack serves; a second run changes nothing;
 * what Armos changed through the API survives; an unedited row follows the repository.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createApi } from '../../functions/api/app';
import { signSession } from '../../functions/lib/auth/session';
import { parseConfig } from '../../functions/lib/config';
import type { Database } from '../../functions/lib/db/client';
import { readReferenceData } from '../../functions/lib/db/reference';
import { loadReferenceData } from '../../functions/lib/db/reference-loader';
import { createUser } from '../../functions/lib/db/users';
import { seedReferenceData, type ReferenceData } from '../../shared/reference/index';
import { api, createOwnTable, dropOwnTable, stack } from '../support/stack';
import { apiContext } from '../../functions/api/deps';

let db: Database;
let app: ReturnType<typeof createApi>;
let armosToken: string;

const SECRET = 'reference-loader-test-secret-reference-loader-test';

beforeAll(async () => {
  db = await createOwnTable('reference-loader');
  const config = parseConfig({
    TABLE_NAME: db.tableName,
    DYNAMODB_ENDPOINT: stack().dynamodbEndpoint,
    SESSION_SECRET: SECRET,
    LOG_LEVEL: 'error',
  });
  app = createApi(apiContext(config, db, { reference: () => readReferenceData(db) }));
  const armos = await createUser(
    db,
    { email: 'armos@loader.test', role: 'armos', displayName: 'Armos' },
    new Date(),
  );
  armosToken = (await signSession(SECRET, armos, new Date())).token;
});

afterAll(() => dropOwnTable(db));

const seededIds = new Set(seedReferenceData.receptionPoints.map((point) => point.id));

/** GET /api/ref, without the reception points other test files add to the shared stack meanwhile. */
async function reference(response: Response): Promise<ReferenceData> {
  expect(response.status).toBe(200);
  const body = (await response.json()) as ReferenceData;
  return {
    ...body,
    receptionPoints: body.receptionPoints.filter((point) => seededIds.has(point.id)),
  };
}

async function storedItems(): Promise<unknown[]> {
  const { Items = [] } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'REF' },
      ConsistentRead: true,
    }),
  );
  return Items;
}

const armosRequest = (path: string, init: RequestInit) =>
  app.request(`/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${armosToken}`, 'content-type': 'application/json' },
  });

describe('reference-data loader', () => {
  it('fills an empty table with what the local stack serves at GET /api/ref', async () => {
    const total = Object.values(seedReferenceData).flat().length;

    const report = await loadReferenceData(db, seedReferenceData);
    const loaded = await reference(await app.request('/api/ref'));
    const local = await reference(await api('/ref'));

    expect(report).toEqual({
      inserted: total,
      updated: 0,
      unchanged: 0,
      keptEdited: 0,
      keptRemoved: 0,
    });
    expect(loaded).toEqual(local);
    expect(loaded.communes).toHaveLength(3);
    expect(loaded.quartiers).toHaveLength(36);
    expect(loaded.lessors).toHaveLength(7);
  });

  it('changes nothing when run again', async () => {
    const before = await storedItems();

    const report = await loadReferenceData(db, seedReferenceData);

    expect(report.unchanged).toBe(before.length);
    expect(report.inserted + report.updated).toBe(0);
    expect(await storedItems()).toEqual(before);
  });

  it("keeps Armos's edit and removal of reception points, and follows the repository elsewhere", async () => {
    const [edited, removed] = seedReferenceData.receptionPoints;
    const editedBody = {
      kind: edited!.kind,
      name: edited!.name,
      communeCode: edited!.communeCode,
      place: 'Guichet unique, rez-de-chaussée',
    };
    const saved = await armosRequest(`/admin/reception-points/${edited!.id}`, {
      method: 'PUT',
      body: JSON.stringify(editedBody),
    });
    const deleted = await armosRequest(`/admin/reception-points/${removed!.id}`, {
      method: 'DELETE',
    });
    const [renamed, ...otherQuartiers] = seedReferenceData.quartiers;
    const repositoryLater: ReferenceData = {
      ...seedReferenceData,
      quartiers: [{ ...renamed!, name: `${renamed!.name} (nouveau nom)` }, ...otherQuartiers],
      receptionPoints: seedReferenceData.receptionPoints.map((point) => ({
        ...point,
        place: `${point.place} (repository)`,
      })),
    };

    const report = await loadReferenceData(db, repositoryLater);
    const after = await reference(await app.request('/api/ref'));

    expect(saved.status).toBe(200);
    expect(deleted.status).toBe(204);
    expect(report).toMatchObject({
      keptEdited: 1,
      keptRemoved: 1,
      updated: 1 + seedReferenceData.receptionPoints.length - 2,
    });
    expect(after.receptionPoints.find((point) => point.id === edited!.id)?.place).toBe(
      'Guichet unique, rez-de-chaussée',
    );
    expect(after.receptionPoints.some((point) => point.id === removed!.id)).toBe(false);
    expect(after.quartiers.find((quartier) => quartier.id === renamed!.id)?.name).toBe(
      `${renamed!.name} (nouveau nom)`,
    );
  });
});

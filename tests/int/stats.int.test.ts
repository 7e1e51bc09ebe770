import type { DynamoDBRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/lib/db/model';
import { monthItemKeyOf } from '../../functions/lib/db/stats';
import { createStatsAggregator } from '../../functions/stats/handler';
import { monthOf } from '../../shared/stats/index';
import { publishListing } from '../support/market';
import { signIn, type SignedIn } from '../support/sign-in';
import { api, stackDatabase, uniqueEmail } from '../support/stack';

const QUARTIER = '97420-la-renaissance';
const month = monthOf(new Date().toISOString())!;
const period = `from=${month}&to=${month}`;
type Row = Record<string, unknown> & {
  quartierId: string;
  newListings: number | string;
  activeListings: number | string;
};

let armos: SignedIn;
let cinor: SignedIn;

async function quartierRow(who: SignedIn): Promise<Row> {
  const body = (await (await api(`/stats/quartiers?${period}`, { token: who.token })).json()) as {
    rows: Row[];
  };
  return body.rows.find((r) => r.quartierId === QUARTIER)!;
}

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  [armos, cinor] = await Promise.all([signIn('armos@bourse.local'), signIn('cinor@bourse.local')]);
});

describe('statistics through the stream', () => {
  it('counts new listings of a quartier within seconds, exact for Armos, masked at quartier level for CINOR', async () => {
    const before = await quartierRow(armos);
    const dwelling = {
      communeCode: '97420',
      quartierId: QUARTIER,
      typology: 'T3' as const,
      surface: 64,
      rent: 470,
      charges: 40,
      lessorId: 'SHLMR',
    };
    await Promise.all(
      [1, 2].map(() =>
        publishListing({
          dwelling,
          wishes: { communes: ['97420'], quartiers: [], typologies: ['T4'] },
        } as never),
      ),
    );

    const after = await waitFor(
      () => quartierRow(armos),
      (row) => Number(row.newListings) >= Number(before.newListings) + 2,
    );
    const seenByCinor = await quartierRow(cinor);
    const communes = (await (
      await api(`/stats/communes?${period}`, { token: armos.token })
    ).json()) as { rows: Row[]; series: Array<{ month: string; newListings: number }> };
    const communesForCinor = (await (
      await api(`/stats/communes?${period}`, { token: cinor.token })
    ).json()) as { rows: Row[] };

    expect(Number(after.newListings)).toBeGreaterThanOrEqual(Number(before.newListings) + 2);
    expect(Number(after.activeListings)).toBeGreaterThanOrEqual(2);
    const exact = Number(after.newListings);
    if (exact < 5) expect(seenByCinor.newListings).toBe('< 5');
    const suzanne = communes.rows.find((r) => r.communeCode === '97420')!;
    expect(typeof suzanne.newListings).toBe('number');
    expect(communes.rows.at(-1)).toMatchObject({ communeCode: 'CINOR' });
    // The month's series counts them too (not only the stock, which is kept in other items).
    expect(
      communes.series.find((point) => point.month === month)!.newListings,
    ).toBeGreaterThanOrEqual(2);
    // CINOR's commune figure is exact unless it would give a masked quartier away.
    expect([suzanne.newListings, 'secret']).toContain(
      communesForCinor.rows.find((r) => r.communeCode === '97420')!.newListings,
    );
  });

  it('exports CSV for French Excel and never shows personal data', async () => {
    const tenant = await publishListing({
      dwelling: {
        communeCode: '97420',
        quartierId: QUARTIER,
        tenancyRef: 'BAIL-SECRET-77',
        dwellingRef: 'LGT-SECRET-77',
      },
    } as never);
    await api('/me', {
      method: 'PATCH',
      token: tenant.token,
      json: { displayName: 'Josiane Payet', phone: '0692 11 22 33' },
    });
    await waitFor(
      () => quartierRow(armos),
      (row) => Number(row.newListings) >= 1,
    );

    const csv = await api(`/stats/quartiers?${period}&format=csv`, { token: cinor.token });
    const text = await csv.text();
    const raw = new Uint8Array(
      await (
        await api(`/stats/communes?${period}&format=csv`, { token: armos.token })
      ).arrayBuffer(),
    );
    const everything = [
      text,
      ...(await Promise.all(
        ['quartiers', 'communes', 'flows'].map(async (p) =>
          (await api(`/stats/${p}?${period}`, { token: armos.token })).text(),
        ),
      )),
    ].join('\n');

    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // fetch().text() drops the BOM: it is checked on the bytes above.
    expect(text.split('\r\n')[0]).toMatch(/^Code commune;Commune;Quartier;Annonces actives/);
    expect(text).toMatch(/;La Renaissance;/);
    expect(text).not.toMatch(/;\d+\.\d+(;|\r)/);
    expect(everything).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(everything).not.toMatch(/0692|BAIL-|LGT-|Payet|Josiane/);
    expect(everything).not.toContain(tenant.listingId);
  });

  it('allows CINOR and Armos only, and explains a wrong period in French', async () => {
    const tenant = await signIn(uniqueEmail());

    const anonymous = await api(`/stats/quartiers?${period}`);
    const forbidden = await api(`/stats/flows?${period}`, { token: tenant.token });
    const reversed = await api('/stats/communes?from=2026-05&to=2026-01', { token: armos.token });
    const tooLong = await api('/stats/communes?from=2010-01&to=2026-01', { token: armos.token });
    const malformed = await api('/stats/communes?from=2026-13', { token: armos.token });

    expect(anonymous.status).toBe(401);
    expect(forbidden.status).toBe(403);
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(await reversed.json())).toMatch(/mois de début \(from\) doit précéder/);
    expect(JSON.stringify(await tooLong.json())).toMatch(/10 ans/);
    expect(malformed.status).toBe(400);
  });
});

describe('statistics periods for CINOR', () => {
  it('accepts a calendar month, quarter, semester or year, refuses other spans naming the field, and leaves Armos free', async () => {
    const ask = (who: SignedIn, query: string) =>
      api(`/stats/quartiers?${query}`, { token: who.token });

    const [quarter, semester, byDefault, misaligned, tooShort, forArmos] = await Promise.all([
      ask(cinor, 'from=2026-04&to=2026-06'),
      ask(cinor, 'from=2026-07&to=2026-12'),
      ask(cinor, ''),
      ask(cinor, 'from=2026-02&to=2026-04'),
      ask(cinor, 'from=2026-01&to=2026-02'),
      ask(armos, 'from=2026-02&to=2026-04'),
    ]);

    expect([quarter.status, semester.status, byDefault.status, forArmos.status]).toEqual([
      200, 200, 200, 200,
    ]);
    const year = String(new Date().getUTCFullYear());
    expect(((await byDefault.json()) as { period: { from: string; to: string } }).period).toEqual({
      from: `${year}-01`,
      to: `${year}-12`,
    });
    const [wrongStart, wrongLength] = (await Promise.all([
      misaligned.json(),
      tooShort.json(),
    ])) as Array<{ error: { code: string; message: string; issues: Array<{ path: string }> } }>;
    expect([misaligned.status, tooShort.status]).toEqual([400, 400]);
    expect(wrongStart!.error).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'from' }],
    });
    expect(wrongStart!.error.message).toMatch(/trimestre/);
    expect(wrongLength!.error.issues[0]!.path).toBe('to');
  });

  it('lists flows by quartier names for CINOR, and the same cells masked in every period that holds them', async () => {
    const year = '2026';
    const [flows, months] = await Promise.all([
      api(`/stats/flows?from=${year}-01&to=${year}-12`, { token: cinor.token }).then(
        (r) =>
          r.json() as Promise<{
            masked: boolean;
            rows: Array<{ fromQuartierName: string; toQuartierName: string }>;
          }>,
      ),
      Promise.all(
        ['01', '02', '03'].map((m) =>
          api(`/stats/communes?from=${year}-${m}&to=${year}-${m}`, { token: cinor.token }).then(
            (r) => r.json() as Promise<{ rows: Row[] }>,
          ),
        ),
      ),
    ]);
    const quarter = (await (
      await api(`/stats/communes?from=${year}-01&to=${year}-03`, { token: cinor.token })
    ).json()) as { rows: Row[] };

    const names = flows.rows.map((r) => `${r.fromQuartierName}→${r.toQuartierName}`);
    expect(flows.masked).toBe(true);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')));
    // A quarter's CINOR total published with its three months published gives nothing new.
    const published = [
      ...months.map((m) => m.rows.at(-1)!.newListings),
      quarter.rows.at(-1)!.newListings,
    ];
    if (published.every((v) => typeof v === 'number'))
      expect(published[3]).toBe(published.slice(0, 3).reduce((a, b) => Number(a) + Number(b), 0));
  });
});

describe('statistics aggregator', () => {
  const quartierId = `97420-test-${Date.now().toString(36)}`;
  const listing = (status: string, updatedAt: string) => ({
    pk: `LISTING#S${quartierId}`,
    sk: 'LISTING',
    entity: 'Listing',
    id: `S${quartierId}`,
    status,
    motive: 'work',
    publishedAt: '2031-02-03T08:00:00.000Z',
    updatedAt,
    dwelling: { communeCode: '97420', quartierId, typology: 'T2', surface: 40 },
    household: { adults: 1, children: 0 },
    wishes: { communes: ['97420'], quartiers: [], typologies: ['T3'] },
  });
  const record = (sequence: string, before: object | undefined, after: object): DynamoDBRecord => ({
    eventName: before ? 'MODIFY' : 'INSERT',
    dynamodb: {
      SequenceNumber: sequence,
      Keys: marshall({ pk: (after as { pk: string }).pk, sk: 'LISTING' }) as never,
      NewImage: marshall(after) as never,
      ...(before ? { OldImage: marshall(before) as never } : {}),
    },
  });
  const cell = async (monthKey: string, attribute: string, stock = false) => {
    const key = stock
      ? keys.statsStockYear(monthKey.slice(0, 4))
      : monthItemKeyOf(monthKey, `Q#${quartierId}`);
    const { Item } = await stackDatabase().doc.send(
      new GetCommand({ TableName: stackDatabase().tableName, Key: key, ConsistentRead: true }),
    );
    const counters = Item?.counters as Record<string, Record<string, number>> | undefined;
    return stock ? counters?.[monthKey]?.[attribute] : counters?.[`Q#${quartierId}`]?.[attribute];
  };

  it('changes nothing when a record is delivered again, and gives the same totals out of order', async () => {
    const aggregate = createStatsAggregator({ db: stackDatabase(), now: () => new Date() });
    const published = listing('published', '2031-02-03T08:00:00.000Z');
    const withdrawn = listing('withdrawn', '2031-04-09T08:00:00.000Z');
    const publish = record('9000000000000000000001', undefined, published);
    const withdraw = record('9000000000000000000002', published, withdrawn);

    await aggregate({ Records: [withdraw] });
    await aggregate({ Records: [publish, withdraw] });
    await aggregate({ Records: [publish] });

    expect(await cell('2031-02', 'new')).toBe(1);
    expect(await cell('2031-02', 'offered.T2')).toBe(1);
    expect(await cell('2031-02', `Q#${quartierId}`, true)).toBe(1);
    expect(await cell('2031-04', `Q#${quartierId}`, true)).toBe(-1);
  });
});

/**
 * What DynamoDB Local's CPU spends on one request of each kind the busiest routes send, and on
 * each item in it (`npm run bench:items`): the session's read, a page's link query by size,
 * batch reads by number of keys and item size, and the writes a stored proposal makes. Each read
 * runs alone on an idle stack holding a 1,000-listing market and its stored proposals, one at a
 * time; the Java process's CPU time is read from /proc before and after. These costs are the floor
 * under the mixed load's figures (`bench:load`): what a page of proposals cannot go below on the
 * local stack, whatever the API does around its reads.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { readSessionHolder } from '../../functions/lib/db/auth';
import { getListings } from '../../functions/lib/db/listings';
import { storedMatchItems, type StoredMatch } from '../../functions/lib/db/matches';
import { ENTITY, INDEX, indexPartitions, keys } from '../../functions/lib/db/model';
import { shownPageOf } from '../../functions/lib/db/shown-proposals';
import { createUser } from '../../functions/lib/db/users';
import { shownGroupPrefix } from '../../shared/match/shown';
import { startLocalStack } from '../local/stack';
import { lazyScenario, loadMarket } from './market-loader';
import { proposalsBeforePublishing, storeProposals, type StoredProposals } from './proposal-loader';
import { machineLine, writeBenchSection } from './report';
import { cpuMsOf, dynamoDbLocalPid } from './route-cost';

const MARKET_SIZE = Number(process.env.BENCH_MARKET_SIZE ?? 1_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 200);
const PAGE = 20;

const { market, newcomers } = lazyScenario({
  marketSize: MARKET_SIZE,
  newcomers: 10,
  newcomerSeed: 3,
})();
let stored: StoredProposals | undefined;
const stack = await startLocalStack({
  logLevel: 'error',
  ttlSweepMs: 24 * 3_600_000,
  beforeStreams: async (db) => {
    await loadMarket(db, market.listings);
    stored = proposalsBeforePublishing(market, newcomers, new Date());
    await storeProposals(db, stored);
  },
});
const { db } = stack;
const pid = dynamoDbLocalPid(stack.dynamodbEndpoint);
if (pid === undefined) throw new Error('DynamoDB Local not found');

/** The listing whose index holds the most 3-ways and chains: a page of it reads full groups. */
function busiestListing(): string {
  const through = new Map<string, number>();
  for (const match of stored!.matches)
    for (const id of match.listingIds) through.set(id, (through.get(id) ?? 0) + 1);
  return [...through].sort((a, b) => b[1] - a[1])[0]![0];
}
const listingId = busiestListing();
const page = await shownPageOf(db, listingId, { limit: PAGE, filter: 'all' });
const pageListingIds = [...new Set([listingId, ...page.matches.flatMap((m) => m.listingIds)])];
const user = await createUser(db, { email: 'mesure@bourse.local', role: 'tenant' }, new Date());
const accounts = await Promise.all(
  Array.from({ length: PAGE }, (_, i) =>
    createUser(db, { email: `compte.${i}@bourse.local`, role: 'tenant' }, new Date()),
  ),
);

/**
 * DynamoDB Local's CPU per call, after a warm-up: the median of five rounds, so that a collection
 * of the engine's heap during one round does not count (/proc counts CPU time in 10 ms ticks).
 */
async function cost(call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 50; i += 1) await call();
  const rounds: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const before = cpuMsOf(pid!);
    for (let i = 0; i < REPEAT; i += 1) await call();
    rounds.push((cpuMsOf(pid!) - before) / REPEAT);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

const batchGet = (keyList: Array<{ pk: string; sk: string }>) => () =>
  db.doc.send(new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: keyList } } }));
const ranked = (limit: number) => () =>
  db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: INDEX.byParent,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :group)',
      ExpressionAttributeValues: {
        ':pk': indexPartitions.shownProposals(listingId),
        ':group': shownGroupPrefix('ranked'),
      },
      Limit: limit,
    }),
  );
const linkKeys = page.matches.map((m) => keys.matchLink(listingId, m.id));
const threeWay = stored!.matches.find((m) => m.listingIds.length === 3)!;
const threeWayItems = storedMatchItems(threeWay);
const bytes = (items: unknown[] | undefined) =>
  Math.round(JSON.stringify(items ?? []).length / Math.max(1, items?.length ?? 0));
const sizes = {
  account: bytes((await batchGet([keys.user(user.id)])()).Responses?.[db.tableName]),
  listing: bytes([...(await getListings(db, pageListingIds)).values()]),
  link: bytes((await ranked(PAGE)()).Items),
};

const rows: Array<[string, number]> = [];
async function measure(name: string, call: () => Promise<unknown>): Promise<number> {
  const ms = await cost(call);
  rows.push([name, ms]);
  console.error(name, ms.toFixed(2));
  return ms;
}
const getOne = await measure('GetItem, an account', () =>
  db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.user(user.id) })),
);
const batchOne = await measure('BatchGetItem, 1 account', batchGet([keys.user(user.id)]));
const session = await measure("BatchGetItem, the session's 3 keys (every request)", () =>
  readSessionHolder(db, user.id, 'not-revoked'),
);
const batchAccounts = await measure(
  `BatchGetItem, ${PAGE} accounts (~${sizes.account} bytes each)`,
  batchGet(accounts.map((a) => keys.user(a.id))),
);
const batchListings = await measure(
  `BatchGetItem, the page's ${pageListingIds.length} listings (~${sizes.listing} bytes each)`,
  () => getListings(db, pageListingIds),
);
// What the page would read if each listing had a compact card of the fields it shows (not built:
// stored apart from the listing, as an item of its own per listing, under a scratch id here).
const CARD_FIELDS = [
  'id',
  'ownerId',
  'assistance',
  'dwelling',
  'verification',
  'nextRent',
] as const;
const cards = [...(await getListings(db, pageListingIds)).values()].map((listing) => ({
  ...keys.listing(`card-${listing.id}`),
  ...Object.fromEntries(
    CARD_FIELDS.flatMap((field) => (field in listing ? [[field, listing[field]]] : [])),
  ),
}));
await Promise.all(
  cards.map((Item) => db.doc.send(new PutCommand({ TableName: db.tableName, Item }))),
);
const batchCards = await measure(
  `BatchGetItem, a card of each of the page's listings (~${bytes(cards)} bytes each, not built)`,
  batchGet(cards.map(({ pk, sk }) => ({ pk, sk }))),
);
await measure(
  `BatchGetItem, the page's ${linkKeys.length} links (~${sizes.link} bytes each)`,
  batchGet(linkKeys),
);
const queryOne = await measure('Query, 1 link', ranked(1));
await measure('Query, 5 links', ranked(5));
await measure('Query, 10 links', ranked(10));
const queryPage = await measure(`Query, ${PAGE + 1} links`, ranked(PAGE + 1));
const pageReads = await measure(`a page's proposals (3 group queries, ${PAGE} per page)`, () =>
  shownPageOf(db, listingId, { limit: PAGE, filter: 'all' }),
);
await measure('PutItem, a link', () =>
  db.doc.send(new PutCommand({ TableName: db.tableName, Item: threeWayItems[1]! })),
);
const putsOf = (match: StoredMatch) =>
  storedMatchItems(match).map((Item) => ({ Put: { TableName: db.tableName, Item } }));
const threeWayNow = await measure(`TransactWriteItems, a 3-way and its 3 links`, () =>
  db.doc.send(new TransactWriteCommand({ TransactItems: putsOf(threeWay) })),
);
// What closing cycles costs when each is a transaction of its own, or 25 share one (100 items).
const storedThreeWays = stored!.matches.filter((m) => m.listingIds.length === 3);
const closable = storedThreeWays.slice(0, 25);
const threeWayEach = await measure('TransactWriteItems, 25 3-ways and their links, one each', () =>
  Promise.all(
    closable.map((match) =>
      db.doc.send(new TransactWriteCommand({ TransactItems: putsOf(match) })),
    ),
  ),
);
const threeWaysShared = await measure(
  'TransactWriteItems, 25 3-ways and their links in one (100 items)',
  () => db.doc.send(new TransactWriteCommand({ TransactItems: closable.flatMap(putsOf) })),
);
// The other way to link a cycle to its participants (not built): no link items, the proposal
// itself in three indexes, one per position in the cycle, so that each participant finds it by
// one of them. Written under a scratch key and entity, which no stream handler follows.
const asOneItem = (match: StoredMatch) => ({
  ...storedMatchItems(match)[0]!,
  ...keys.match(`scratch-${match.id}`),
  entity: 'BenchScratch',
  ...Object.fromEntries(
    (['gsi1', 'gsi2', 'gsi3'] as const).flatMap((index, position) => [
      [`${index}pk`, indexPartitions.shownProposals(match.listingIds[position]!)],
      [`${index}sk`, `3#${match.id}`],
    ]),
  ),
});
const threeWayOneItem = await measure(
  'TransactWriteItems, a 3-way as one item in three indexes (not built)',
  () =>
    db.doc.send(
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName: db.tableName, Item: asOneItem(threeWay) } }],
      }),
    ),
);
// In batches, as a bulk write would: per 3-way, 24 items either way.
const threeWays = storedThreeWays.slice(0, 24);
const batchPut = (items: Record<string, unknown>[]) => () =>
  db.doc.send(
    new BatchWriteCommand({
      RequestItems: { [db.tableName]: items.map((Item) => ({ PutRequest: { Item } })) },
    }),
  );
const batchWithLinks =
  (await measure(
    'BatchWriteItem, 6 3-ways and their links (24 items)',
    batchPut(threeWays.slice(0, 6).flatMap((m) => storedMatchItems(m))),
  )) / 6;
const batchOneItem =
  (await measure(
    'BatchWriteItem, 24 3-ways as one item in three indexes each (not built)',
    batchPut(threeWays.map(asOneItem)),
  )) / 24;
const reminders = stored!.matches.slice(0, 25).map((match) => ({
  PutRequest: {
    Item: {
      ...keys.answerReminder('2026-12-10', match.id),
      entity: ENTITY.answerReminder,
      matchId: match.id,
    },
  },
}));
await measure('BatchWriteItem, 25 answer reminders (~100 bytes each)', () =>
  db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: reminders } })),
);
await measure('PutItem, an answer reminder', () =>
  db.doc.send(new PutCommand({ TableName: db.tableName, Item: reminders[0]!.PutRequest.Item })),
);
await stack.stop();

const perLink = (queryPage - queryOne) / PAGE;
const perListingKey = (batchListings - batchOne) / (pageListingIds.length - 1);
const perAccountKey = (batchAccounts - batchOne) / (PAGE - 1);
const pageNow = session + pageReads + batchListings;
const pageFloor = session + queryOne + PAGE * perLink + batchListings;
const lines = [
  machineLine('npm run bench:items'),
  '',
  `DynamoDB Local's CPU time per request (its Java process, from /proc), each request sent ${REPEAT} times one after the other, five times (the median of the five), on an idle local stack holding ${MARKET_SIZE.toLocaleString('en')} listings and ${stored!.matches.length.toLocaleString('en')} stored proposals; the page is the one of the listing with the most stored proposals.`,
  '',
  '| request | DynamoDB Local CPU |',
  '|---|---|',
  ...rows.map(([name, ms]) => `| ${name} | ${ms.toFixed(2)} ms |`),
  '',
  `Per request: ${queryOne.toFixed(2)} ms for a query that returns one item, ${getOne.toFixed(2)} ms for a GetItem. Per item: ${perLink.toFixed(3)} ms for each further link a query returns, ${perListingKey.toFixed(3)} ms for each further listing and ${perAccountKey.toFixed(3)} ms for each further account in a batch read.`,
  '',
  `A page of "Mes propositions" (the session, the page's queries, its listings) costs ${pageNow.toFixed(1)} ms here; reading only the ${PAGE} links it shows in one query would cost ${pageFloor.toFixed(1)} ms (the page's reads ${(pageNow / pageFloor).toFixed(2)}× that floor): the listings' batch read (${batchListings.toFixed(1)} ms) and the session (${session.toFixed(1)} ms) are in both. A compact card of each listing, stored apart, would read in ${batchCards.toFixed(1)} ms instead of ${batchListings.toFixed(1)}.`,
  '',
  `Twenty-five 3-ways rewritten in one transaction of 100 items cost ${threeWaysShared.toFixed(1)} ms, in 25 transactions of their own ${threeWayEach.toFixed(1)} ms (${(threeWayEach / threeWaysShared).toFixed(2)}×).`,
  '',
  `Writing a 3-way costs ${threeWayNow.toFixed(1)} ms as the proposal and its three links, ${threeWayOneItem.toFixed(1)} ms as one item in three indexes, one per position in the cycle (${(threeWayNow / threeWayOneItem).toFixed(1)}×); in batches of 24 items, ${batchWithLinks.toFixed(2)} ms a 3-way with its links against ${batchOneItem.toFixed(2)} ms as one item (${(batchWithLinks / batchOneItem).toFixed(1)}×). Not built: a participant's page would then query each of the three indexes.`,
];
console.log(lines.join('\n'));
writeBenchSection('items', 'Coût de chaque requête pour DynamoDB Local (1 000 annonces)', lines);
process.exit(0);

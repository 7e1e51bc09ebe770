/**
 * Through the local API: publishing a listing into a 10,000-listing DynamoDB Local table whose
 * proposals are stored as the matcher would have stored them (`proposal-loader.ts`), until its
 * own proposals are stored, then until every stream handler has caught up, each handler timed on
 * its own so that the slowest is named. An older tree of the repository (`BENCH_BASE_DIR`, for
 * example `git archive 9b229ea | tar -x -C /tmp/base` with its node_modules linked) is measured
 * after this one in the same run, on the same market and the same stored proposals, each tree in
 * a Node process of its own (`publish-tree.ts`).
 */
import { resolve } from 'node:path';
import { measureInOwnProcess } from './own-process';
import { K } from './proposal-loader';
import { MARKET_SIZE, type Measured, type Timing } from './publish-tree';
import { machineLine, ms, percentile, writeBenchSection, loadAverage } from './report';

type MustStore = NonNullable<Timing['mustStore']>;

const BASE_DIR = process.env.BENCH_BASE_DIR;
const BASE_LABEL = process.env.BENCH_BASE_LABEL ?? 'previous commit';
/** Item 4 of the throughput work: publish → every handler caught up, p95. */
const TARGET_P95_MS = 800;
const TREE = resolve(import.meta.dirname, 'publish-tree.ts');

const load = loadAverage;
const loadAtStart = load();
const runs = [
  await measureInOwnProcess<Measured>(TREE, 'now', resolve(import.meta.dirname, '../..')),
];
if (BASE_DIR) runs.push(await measureInOwnProcess<Measured>(TREE, BASE_LABEL, BASE_DIR));

const handlers = [
  ...new Set(runs.flatMap((r) => r.timings.flatMap((t) => Object.keys(t.byHandler)))),
];
const followerHandlers = [
  ...new Set(runs.flatMap((r) => r.timings.flatMap((t) => Object.keys(t.inFollowers)))),
];
const cells = (values: number[]) =>
  values.length === 0 ? '— | —' : `${ms(percentile(values, 50))} | ${ms(percentile(values, 95))}`;
const countCells = (values: number[]) =>
  `${percentile(values, 50).toFixed(0)} | ${percentile(values, 95).toFixed(0)}`;
const row = (
  label: string,
  pick: (t: Timing) => number | undefined,
  format: (values: number[]) => string = cells,
) =>
  `| ${label} | ${runs
    .map((run) => {
      const values = run.timings.map(pick).filter((v): v is number => v !== undefined);
      const share =
        values.length < run.timings.length ? ` (${values.length} of ${run.timings.length})` : '';
      return `${values.length === 0 ? '— | —' : format(values)}${share}`;
    })
    .join(' | ')} |`;
const slowest = (run: Measured) =>
  handlers
    .map(
      (h) =>
        [
          h,
          percentile(
            run.timings.flatMap((t) => t.byHandler[h] ?? []),
            95,
          ),
        ] as const,
    )
    .filter(([, p95]) => !Number.isNaN(p95))
    .sort((a, b) => b[1] - a[1])[0];

/** Every operation's count over a run's timed publications, busiest first. */
function requestsIn(run: Measured): string {
  const all = new Map<string, number>();
  for (const t of run.timings)
    for (const [operation, n] of Object.entries(t.requests))
      all.set(operation, (all.get(operation) ?? 0) + n);
  return [...all]
    .sort((a, b) => b[1] - a[1])
    .map(([operation, n]) => `${operation} ${n}`)
    .join(', ');
}

/** How many publications have a floor above the target, and the floor's percentiles. */
function floorFigures(run: Measured, itemsOf: (must: MustStore) => number, msPerItem: number) {
  const items = run.timings.flatMap((t) => (t.mustStore ? [itemsOf(t.mustStore)] : []));
  const floors = items.map((n) => n * msPerItem);
  const p95Items = percentile(items, 95);
  return [
    `${floors.filter((floorMs) => floorMs > TARGET_P95_MS).length} of ${floors.length} publications above ${TARGET_P95_MS} ms`,
    `p50 ${ms(percentile(floors, 50))}, p95 ${ms(percentile(floors, 95))}`,
    // What one item would have to cost for this floor alone to leave the target reachable.
    `under the target at p95 only if the engine wrote an item in ${(TARGET_P95_MS / p95Items).toFixed(3)} ms or less`,
  ].join('; ');
}

/** How the floors were priced, and what they alone leave of the target. */
function floorSentences(run: Measured): string[] {
  const settled = run.timings.map((t) => t.settledMs);
  const { batched, conditional } = run.writeFloor!;
  const round = (floor: typeof batched) =>
    `the best of three rounds of ${floor.items.toLocaleString('en')} proposal and link items with 1, 2 and 4 writers at once, here ${floor.writers}; the engine's CPU ${floor.cpuMsPerItem.toFixed(3)} ms per item in that round`;
  // A 2-way is its proposal and two links.
  const twoWayItems = (must: MustStore) => 3 * must.twoWays;
  return [
    `${run.label}: the floors time each item the publication must store (every cycle through the new listing that enters its own best or a participant's: all its 2-ways and its best ${K} 3-ways, and those entering its neighbours' best; each stored once with a link per participant, docs/design.md) on an engine of their own, with no stream. They leave out every read, the stream, the reminders, the digests and the statistics.`,
    '',
    `- At DynamoDB Local's fastest write, ${batched.msPerItem.toFixed(3)} ms per item (batches of 25, no condition, no transaction; ${round(batched)}): ${floorFigures(run, (must) => must.items, batched.msPerItem)}.`,
    `- As the conditional creates the matcher needs (a proposal only if it is not stored yet, so that two writers never overwrite one somebody answered meanwhile), ${conditional.msPerItem.toFixed(3)} ms per item (transactions of up to 100 items; ${round(conditional)}): ${floorFigures(run, (must) => must.items, conditional.msPerItem)}.`,
    `- The 2-ways alone, as conditional creates (docs/design.md keeps every 2-way through a listing, whatever K): ${floorFigures(run, twoWayItems, conditional.msPerItem)}.`,
    '',
    `Measured: p50 ${ms(percentile(settled, 50))}, p95 ${ms(percentile(settled, 95))}.`,
  ];
}

const lines = [
  machineLine('npm run bench:publish'),
  `Load average (1/5/15 min) at the start: ${loadAtStart}; at the end: ${load()}.`,
  '',
  `Market: ${MARKET_SIZE.toLocaleString('en')} published listings (synthetic CINOR market, broad wishes, seed 1) bulk-loaded into DynamoDB Local with the proposals the matcher would have stored: every proposal through each of the ${runs[0]!.stored.read} listings whose own best the timed publications change (${runs[0]!.stored.proposals.toLocaleString('en')} proposals, each linked to its participants) and their counts, ${runs[0]!.stored.items.toLocaleString('en')} items, found in memory in ${(runs[0]!.stored.planMs / 1000).toFixed(0)} s by playing the publications first (the whole market holds over a million proposals, more than DynamoDB Local takes in the time of a benchmark). Then new listings are published one after the other through the local API (each tree in a Node process of its own), each once every stream handler has caught up with the previous one. The stream has the two readers deployed on AWS (a tree before them had one per handler): the matcher polls DynamoDB Local's stream every 20 ms when idle, the followers (notifier, proposals' fan-out, statistics, purge, webhooks, side by side on each batch) every 100 ms. Each handler's time runs from the publication to the moment it has handled everything the publication caused; a handler is counted only for the publications that gave it records (how many, in brackets, when not all). Within the followers, each handler's own time on the publication's batches names the slowest of them.`,
  '',
  `| measure | ${runs.map((r) => `${r.label} p50 | ${r.label} p95`).join(' | ')} |`,
  `|---|${runs.map(() => '---|---').join('|')}|`,
  row('POST /publish answered', (t) => t.publishMs),
  row('publish → its proposals and counts stored', (t) => t.storedMs),
  row(
    `publish → every stream handler caught up (target p95 ≤ ${TARGET_P95_MS} ms)`,
    (t) => t.settledMs,
  ),
  ...handlers.map((h) => row(`publish → handler \`${h}\` caught up`, (t) => t.byHandler[h])),
  ...followerHandlers.map((h) =>
    row(`time in \`followers\` → \`${h}\` (the publication's batches)`, (t) => t.inFollowers[h]),
  ),
  row("DynamoDB Local's CPU, publish → every handler caught up", (t) => t.dynamoDbLocalMs),
  row(
    'DynamoDB requests, publish → every handler caught up',
    (t) => Object.values(t.requests).reduce((sum, n) => sum + n, 0),
    countCells,
  ),
  row(
    '… of which TransactWriteItems',
    (t) => t.requests['table TransactWriteItems'] ?? 0,
    countCells,
  ),
  row(
    'proposals the publication must store (cycles through it entering a best)',
    (t) => t.mustStore?.proposals,
    countCells,
  ),
  row(
    '… their items (the proposal and a link per participant)',
    (t) => t.mustStore?.items,
    countCells,
  ),
  row("floor: those items at the engine's fastest write", (t) => t.mustStore?.floorMs),
  row(
    'floor: those items as conditional creates (transactions)',
    (t) => t.mustStore?.conditionalFloorMs,
  ),
  row(
    '… of which 2-ways (every one through the new listing)',
    (t) => t.mustStore?.twoWays,
    countCells,
  ),
  row(
    'floor: the 2-ways alone as conditional creates',
    (t) => t.mustStore?.twoWaysConditionalFloorMs,
  ),
  '',
  ...runs.flatMap((run) => (run.writeFloor ? floorSentences(run) : [])),
  '',
  ...runs.map((run) => {
    const cpu = run.timings.reduce((sum, t) => sum + (t.dynamoDbLocalMs ?? 0), 0);
    const wall = run.timings.reduce((sum, t) => sum + t.settledMs, 0);
    return `${run.label}: DynamoDB Local's CPU time is ${((100 * cpu) / wall).toFixed(0)} % of the time from the publications to every handler caught up (${(cpu / 1000).toFixed(1)} s of ${(wall / 1000).toFixed(1)} s, ${run.timings.length} publications); requests sent in all: ${requestsIn(run)}.`;
  }),
  '',
  ...runs.map(
    (run) =>
      `${run.label}: ${run.timings.length} publications timed; slowest handler at p95: \`${slowest(run)?.[0]}\`; first publication after start (builds the matcher's index from the table, no count or bound known yet): stored in ${ms(run.first.storedMs)}, every handler caught up in ${ms(run.first.settledMs)}; market and proposals loaded in ${(run.loadMs / 1000).toFixed(0)} s.`,
  ),
];
console.log(lines.join('\n'));
writeBenchSection(
  'publish',
  `Publication → propositions (API locale, ${MARKET_SIZE.toLocaleString('fr-FR')} annonces)`,
  lines,
);

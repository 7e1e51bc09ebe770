/**
 * "Ce qui élargirait vos propositions" (`MatchingIndex.widenFor`), part of `npm run bench:matching`:
 * per listing of a 10 000-listing market, the time to count what every single change of its wishes
 * would add, against the simple reference (publish the changed wishes and recount, change by
 * change) on a sample, in the same run; both must give the same changes and counts. Written to
 * docs/benchmarks.md between the `bench:widen` markers.
 */
import { pathToFileURL } from 'node:url';
import type { GeneratedMarket, MarketOptions } from '../../shared/market/generator';
import { generateMarket } from '../../shared/market/generator';
import {
  MatchingIndex,
  applyWidening,
  placeNamesFrom,
  type MatchCandidate,
  type WidenChange,
  type Widening,
} from '../../shared/matching/index';
import { TYPOLOGIES, roomsOf } from '../../shared/reference/index';
import { machineLine, ms, percentile, writeBenchSection, loadAverage } from './report';

const TIMED_LISTINGS = 1000;
const REFERENCE_LISTINGS = 30;
const REPEATS = 3;
const TARGET_P95_MS = 20;

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

/** Processor time of the call, which waiting for a core (this machine is shared) does not inflate. */
function cpuTime<T>(run: () => T): [T, number, number] {
  const cpu = process.cpuUsage();
  const [result, wall] = time(run);
  const used = process.cpuUsage(cpu);
  return [result, wall, (used.user + used.system) / 1000];
}

/** Listings spread over the whole market. */
function sampleOf(market: GeneratedMarket, count: number, offset = 0): MatchCandidate[] {
  const step = Math.max(1, Math.floor(market.listings.length / count));
  return Array.from(
    { length: Math.min(count, market.listings.length) },
    (_, i) => market.listings[(i * step + offset) % market.listings.length] as MatchCandidate,
  );
}

/**
 * The reference: try every single change by publishing the changed wishes and recounting the
 * listing's cycles, then put the listing back. Thresholds are tried value after value of the
 * market, from the nearest, until one brings a cycle.
 */
function recountEachChange(
  index: MatchingIndex,
  market: GeneratedMarket,
  listing: MatchCandidate,
): Widening[] {
  const communeOf = new Map(market.quartiers.map((q) => [q.id, q.communeCode]));
  const base = index.countsFor(listing.id);
  const gainOf = (change: WidenChange) => {
    const wishes = applyWidening(listing.wishes, change, (id) => communeOf.get(id));
    index.upsert({ ...listing, wishes });
    const counts = index.countsFor(listing.id);
    index.upsert(listing);
    return { change, more2: counts.count2 - base.count2, more3: counts.count3 - base.count3 };
  };
  const wishes = listing.wishes;
  const sets: WidenChange[] = [];
  if (wishes.quartiers.length > 0) {
    for (const q of market.quartiers)
      if (!wishes.quartiers.includes(q.id)) sets.push({ field: 'quartiers', value: q.id });
  } else {
    for (const c of market.communes)
      if (!wishes.communes.includes(c.code)) sets.push({ field: 'communes', value: c.code });
  }
  const rooms = wishes.typologies.map(roomsOf);
  for (const t of TYPOLOGIES)
    if (!rooms.includes(roomsOf(t)) && rooms.some((r) => Math.abs(r - roomsOf(t)) === 1))
      sets.push({ field: 'typologies', value: t });
  if (wishes.needs.accessible) sets.push({ field: 'needs', value: 'accessible' });
  if (wishes.needs.liftOrGroundFloor) sets.push({ field: 'needs', value: 'liftOrGroundFloor' });
  if (wishes.needs.maxFloor !== undefined) sets.push({ field: 'needs', value: 'maxFloor' });
  const found = sets.map(gainOf).filter((w) => w.more2 + w.more3 > 0);
  const firstThatMatters = (changes: WidenChange[]) => {
    for (const change of changes) {
      const gain = gainOf(change);
      if (gain.more2 + gain.more3 > 0) return found.push(gain);
    }
  };
  const maxRent = wishes.maxTotalRent;
  if (maxRent !== undefined) {
    const rents = new Set(market.listings.map((l) => l.dwelling.rent + l.dwelling.charges));
    firstThatMatters(
      [...rents]
        .filter((v) => v > maxRent && v <= 5000)
        .sort((x, y) => x - y)
        .map((value) => ({ field: 'maxTotalRent', value })),
    );
  }
  const minSurface = wishes.minSurface;
  if (minSurface !== undefined) {
    const surfaces = new Set(market.listings.map((l) => l.dwelling.surface));
    firstThatMatters(
      [...surfaces]
        .filter((v) => v < minSurface)
        .sort((x, y) => y - x)
        .map((value) => ({ field: 'minSurface', value })),
    );
  }
  return found;
}

const keyed = (widenings: Widening[]) =>
  widenings
    .map((w) => `${w.change.field}:${w.change.value}=${w.more2}+${w.more3}`)
    .sort()
    .join(',');

/** Times `widenFor` on the market in `index`, and the reference on a sample; returns the report lines. */
export function benchWiden(label: string, options: MarketOptions, index?: MatchingIndex): string[] {
  const market = generateMarket(options);
  if (!index) {
    index = new MatchingIndex(placeNamesFrom(market));
    for (const listing of market.listings) index.upsert(listing);
  }
  for (const listing of sampleOf(market, 200, 7)) index.widenFor(listing.id); // compiled code, as in a running API
  const single: number[] = [];
  const fastest: number[] = [];
  const processor: number[] = [];
  let offered = 0;
  let empty = 0;
  for (const listing of sampleOf(market, TIMED_LISTINGS)) {
    const [widenings, first, cpu] = cpuTime(() => index.widenFor(listing.id));
    single.push(first);
    processor.push(cpu);
    let best = first;
    for (let r = 1; r < REPEATS; r++)
      best = Math.min(best, time(() => index.widenFor(listing.id))[1]);
    fastest.push(best);
    offered += widenings.length;
    if (widenings.length === 0) empty++;
  }
  const reference: number[] = [];
  const fast: number[] = [];
  const referenceCpu: number[] = [];
  const fastCpu: number[] = [];
  let same = 0;
  const sample = sampleOf(market, REFERENCE_LISTINGS, 3);
  for (const listing of sample) {
    const [expected, referenceMs, referenceCpuMs] = cpuTime(() =>
      recountEachChange(index, market, listing),
    );
    const [actual, fastMs, fastCpuMs] = cpuTime(() => index.widenFor(listing.id));
    reference.push(referenceMs);
    fast.push(fastMs);
    referenceCpu.push(referenceCpuMs);
    fastCpu.push(fastCpuMs);
    if (keyed(expected) === keyed(actual)) same++;
  }
  const p95 = percentile(single, 95);
  const verdict = (value: number) => (value <= TARGET_P95_MS ? 'met' : '**missed**');
  const refMedian = percentile(reference, 50);
  const fastMedian = percentile(fast, 50);
  const lines = [
    `### ${label}: ${market.listings.length.toLocaleString('fr-FR')} listings`,
    `- \`widenFor\` on ${TIMED_LISTINGS} listings of the market: median ${ms(percentile(single, 50))}, p95 ${ms(p95)}, max ${ms(Math.max(...single))}; fastest of ${REPEATS} per listing: median ${ms(percentile(fastest, 50))}, p95 ${ms(percentile(fastest, 95))}; processor time of the first run: median ${ms(percentile(processor, 50))}, p95 ${ms(percentile(processor, 95))}`,
    `- changes that add a cycle, per listing: ${(offered / TIMED_LISTINGS).toFixed(1)} on average; none for ${empty} listings`,
    `- reference (publish each changed wishes and recount, ${sample.length} listings): median ${ms(refMedian)}, p95 ${ms(percentile(reference, 95))}; \`widenFor\` on the same listings: median ${ms(fastMedian)} → **${(refMedian / fastMedian).toFixed(0)}×** faster at the median; in processor time ${ms(percentile(referenceCpu, 50))} against ${ms(percentile(fastCpu, 50))}, **${(percentile(referenceCpu, 50) / percentile(fastCpu, 50)).toFixed(0)}×**; same changes and counts: ${same}/${sample.length}`,
    `- target p95 ≤ ${TARGET_P95_MS} ms: ${verdict(p95)} in single runs (${ms(p95)}), ${verdict(percentile(fastest, 95))} in fastest of ${REPEATS} (${ms(percentile(fastest, 95))}), ${verdict(percentile(processor, 95))} in processor time (${ms(percentile(processor, 95))})`,
  ];
  lines.forEach((line) => console.log(line));
  return lines;
}

/** `npm run bench:matching` calls this after its 10 000-listing market. */
export function benchWidenSection(index?: MatchingIndex, command = 'npm run bench:matching'): void {
  const load = loadAverage;
  const lines = [
    `${machineLine(command)} Load average at start: ${load()}.`,
    '',
    'Processor time is the time a call ran on a core (`process.cpuUsage`); single-run and fastest-of-3 times also include waiting for a core, which a load average well above the 2 cores makes several times longer. The counts are exact either way (the reference agrees on every sampled listing).',
    '',
    "Per listing of the market, every single change of its wishes (one more quartier or commune, a neighbouring typology, the next maximum rent or minimum surface that matters, one need dropped) with the exact number of 2-way and 3-way cycles it would add (`shared/matching/widen.ts`). Only the listing's own acceptance grows, so the new cycles are those through a newly accepted dwelling: its 2-way ones are the wanters among them, its 3-way ones are counted by the index's 3-cycle counter against the listing's wanters.",
    '',
    ...benchWiden(
      'CINOR, broad wishes',
      { size: 10_000, seed: 1, density: 'broad', region: 'cinor' },
      index,
    ),
    '',
    ...benchWiden('CINOR, narrow wishes', {
      size: 10_000,
      seed: 1,
      density: 'narrow',
      region: 'cinor',
    }),
    '',
    `Load average at the end: ${load()}.`,
  ];
  writeBenchSection('widen', 'Ce qui élargirait vos propositions (`bench:matching`)', lines);
}

// Run alone (`npx tsx scripts/bench/widen.ts`) it measures the same markets without the rest of `bench:matching`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  benchWidenSection(
    undefined,
    'npx tsx scripts/bench/widen.ts (the widen part of npm run bench:matching, alone)',
  );

/**
 * Where synthetic listings live: CINOR's three communes with the seed quartiers, or a synthetic
 * region of 100 communes laid out on a ring, like the coast of an island, so each has two neighbours.
 */
import type { Commune, Quartier } from '../reference/index';
import { seedReferenceData } from '../reference/index';

export interface MarketRegion {
  communes: Commune[];
  quartiers: Quartier[];
  /** Share of the listings in each commune. */
  weights: ReadonlyMap<string, number>;
  neighbours: ReadonlyMap<string, readonly string[]>;
  quartiersOf: ReadonlyMap<string, readonly string[]>;
}

function quartiersByCommune(quartiers: readonly Quartier[]): Map<string, string[]> {
  const byCommune = new Map<string, string[]>();
  for (const q of quartiers)
    byCommune.set(q.communeCode, [...(byCommune.get(q.communeCode) ?? []), q.id]);
  return byCommune;
}

/** Saint-Denis holds ~80 % of CINOR's social stock (SOURCES.md). */
export function cinorRegion(): MarketRegion {
  const { communes, quartiers } = seedReferenceData;
  return {
    communes,
    quartiers,
    weights: new Map([
      ['97411', 0.8],
      ['97418', 0.12],
      ['97420', 0.08],
    ]),
    // Sainte-Marie lies between Saint-Denis and Sainte-Suzanne along the coast.
    neighbours: new Map([
      ['97411', ['97418']],
      ['97418', ['97411', '97420']],
      ['97420', ['97418']],
    ]),
    quartiersOf: quartiersByCommune(quartiers),
  };
}

const REGION_COMMUNES = 100;
const QUARTIERS_PER_COMMUNE = 8;

/** 100 synthetic communes 97400–97499, with larger "towns" every tenth commune. */
export function region100(): MarketRegion {
  const communes: Commune[] = [];
  const quartiers: Quartier[] = [];
  const weights = new Map<string, number>();
  const neighbours = new Map<string, string[]>();
  const codeOf = (i: number) =>
    `974${String((i + REGION_COMMUNES) % REGION_COMMUNES).padStart(2, '0')}`;
  for (let i = 0; i < REGION_COMMUNES; i++) {
    const code = codeOf(i);
    communes.push({ code, name: `Commune ${code}` });
    for (let q = 1; q <= QUARTIERS_PER_COMMUNE; q++)
      quartiers.push({ id: `${code}-q${q}`, communeCode: code, name: `Quartier ${q}` });
    weights.set(code, i % 10 === 0 ? 4 : 1);
    neighbours.set(code, [codeOf(i - 1), codeOf(i + 1)]);
  }
  return { communes, quartiers, weights, neighbours, quartiersOf: quartiersByCommune(quartiers) };
}

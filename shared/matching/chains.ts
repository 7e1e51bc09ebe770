/**
 * Vacancy chains ("chaînes de mutation", docs/design.md "Chains"): a lessor offers a vacant dwelling
 * V; A moves into V, B into A's home, C into B's (1 to 3 movers), and the last mover's dwelling is
 * released to its lessor. The rules of a move are those of cycles (`accepts`, occupancy norm
 * included); the vacancy's priority adds its own. Pure: what the matcher, the plan and the tests share.
 */
import type { z } from 'zod';
import type { Dwelling } from '../schemas/listing';
import type { releasedDwellingSchema } from '../schemas/match';
import type { VacancyPriorityInput } from '../schemas/vacancy';
import { accepts } from './accepts';
import { isOverOccupied } from './occupancy';
import { THREE_WAY_PENALTY, roundScore } from './score';
import type { MatchCandidate } from './types';

/** A chain moves one to three households. */
export const MAX_CHAIN_MOVERS = 3;

/**
 * Each listing keeps its best 10 chains beside its cycles: a vacancy is one dwelling, so a tenant
 * gains little from seeing fifty ways to reach it, and ten leave room for each vacancy it can start.
 */
export const DEFAULT_CHAINS_PER_LISTING = 10;

export type VacancyPriority = VacancyPriorityInput;

/** The dwelling of a vacancy: a listing's dwelling fields without the tenancy (there is none). */
export type VacantDwelling = Omit<Dwelling, 'tenancyRef' | 'dwellingRef'> & {
  dwellingRef?: string;
};

/** What the engine needs of a vacancy. Callers pass only active vacancies (posted, not withdrawn, let or expired). */
export interface VacancyCandidate {
  id: string;
  dwelling: VacantDwelling;
  priority: VacancyPriority;
}

/** One chain: `listingIds[0]` moves into the vacancy, each next one into the previous one's home. */
export interface ChainRecord {
  key: string;
  vacancyId: string;
  listingIds: string[];
  /** Households moved (1 to 3). */
  size: number;
  score: number;
  /** 1 when the vacancy's `accessibleNeedsFirst` puts this chain before the others; else 0. */
  tier: number;
}

/** The dwelling that returns to its lessor: the last mover's. */
export type ReleasedDwelling = z.infer<typeof releasedDwellingSchema>;

/** A chain's identity: the vacancy, then the movers in order ("V>A>B"); ids hold no ">" (`idSchema`). */
export function chainKey(vacancyId: string, listingIds: readonly string[]): string {
  return [vacancyId, ...listingIds].join('>');
}

export function parseChainKey(key: string): { vacancyId: string; listingIds: string[] } {
  const [vacancyId, ...listingIds] = key.split('>');
  return { vacancyId: vacancyId as string, listingIds };
}

/** The vacancy as a listing no tenant owns, so that `accepts` and the compiled rules apply unchanged. */
export function vacancyAsCandidate(vacancy: VacancyCandidate): MatchCandidate {
  return {
    id: vacancy.id,
    ownerId: `vacancy:${vacancy.id}`,
    dwelling: { tenancyRef: '-', dwellingRef: '-', ...vacancy.dwelling },
    // Never read: a vacancy is only ever moved into.
    household: { adults: 1, children: 0 },
    wishes: { communes: [], quartiers: [], typologies: [], needs: {}, features: [] },
  };
}

/** The vacancy's own rule on its first mover, beyond `accepts`. */
export function priorityAdmits(priority: VacancyPriority, first: MatchCandidate): boolean {
  return !priority.overOccupiedOnly || isOverOccupied(first.household, first.dwelling);
}

/** 1 when the vacancy puts chains started by this household first (`accessibleNeedsFirst`). */
export function priorityTier(priority: VacancyPriority, first: MatchCandidate): number {
  return priority.accessibleNeedsFirst === true && first.wishes.needs.accessible === true ? 1 : 0;
}

/** `listing` may move into the vacancy: the acceptance rules and the vacancy's priority. */
export function acceptsVacancy(listing: MatchCandidate, vacancy: VacancyCandidate): boolean {
  return accepts(listing, vacancyAsCandidate(vacancy)) && priorityAdmits(vacancy.priority, listing);
}

/**
 * A chain's score is the mean of its moves, to one decimal, less `THREE_WAY_PENALTY` when it moves
 * three households: the coordination of three households and their lessors weighs as in a 3-way.
 */
export function chainScore(moveScores: readonly number[]): number {
  let sum = 0;
  for (const s of moveScores) sum += s;
  return chainScoreOfSum(sum, moveScores.length);
}

/** `chainScore` from the sum of the moves' scores, added in move order. */
export function chainScoreOfSum(sum: number, movers: number): number {
  return roundScore(sum / movers - Math.max(0, movers - 2) * THREE_WAY_PENALTY);
}

/** Negative when `x` ranks before `y`: the vacancy's priority tier, score, fewer movers, then key. */
export function compareChains(
  x: Pick<ChainRecord, 'tier' | 'score' | 'size' | 'key'>,
  y: Pick<ChainRecord, 'tier' | 'score' | 'size' | 'key'>,
): number {
  if (x.tier !== y.tier) return y.tier - x.tier;
  if (x.score !== y.score) return y.score - x.score;
  if (x.size !== y.size) return x.size - y.size;
  return x.key < y.key ? -1 : x.key > y.key ? 1 : 0;
}

/** Distinct households: a tenant appears once in a chain, even through two listings. */
export function distinctOwners(movers: readonly MatchCandidate[]): boolean {
  return new Set(movers.map((m) => m.ownerId)).size === movers.length;
}

/** Every rule of a chain, from scratch: what a stored chain is checked against when anything changes. */
export function isValidChain(
  vacancy: VacancyCandidate,
  movers: readonly MatchCandidate[],
): boolean {
  if (movers.length < 1 || movers.length > MAX_CHAIN_MOVERS || !distinctOwners(movers))
    return false;
  if (!acceptsVacancy(movers[0] as MatchCandidate, vacancy)) return false;
  for (let i = 1; i < movers.length; i++)
    if (!accepts(movers[i] as MatchCandidate, movers[i - 1] as MatchCandidate)) return false;
  return true;
}

export function releasedOf(movers: readonly MatchCandidate[]): ReleasedDwelling {
  const last = (movers[movers.length - 1] as MatchCandidate).dwelling;
  return { lessorId: last.lessorId, typology: last.typology, quartierId: last.quartierId };
}

/** A listing's own chains from all its chains ranked best first: the first `k`. */
export function ownBestChainsOf<T>(ranked: readonly T[], k: number): T[] {
  return ranked.slice(0, k);
}

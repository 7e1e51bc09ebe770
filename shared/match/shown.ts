/**
 * Which stored proposals "Mes propositions" shows, and in what order (docs/api.md, GET /matches):
 * every 2-way through the listing, its best 50 3-ways and chains, and every proposal someone is
 * already acting on — answered by anyone, agreed by all, become a swap, or recommended by last
 * night's plan — wherever it ranks, so that nobody waits on an answer the other cannot see.
 *
 * A listing's stored cycles are more than that: each participant's own best are stored, and a
 * popular listing takes part in thousands of its neighbours' best. Those stay stored (a neighbour
 * sees them) but are not this listing's to browse.
 */
import type { MatchKind } from '../schemas/match';
import type { MatchParticipant, MatchStatus } from './lifecycle';

/** How many 3-ways and chains a listing's page shows besides the ones someone acts on. */
export const BEST_RANKED_SHOWN = 50;

/** Shown first in the index's order: followed, then 2-ways, then 3-ways and chains by rank. */
export const SHOWN_GROUPS = ['followed', 'direct', 'ranked'] as const;
export type ShownGroup = (typeof SHOWN_GROUPS)[number];

export interface RankedProposal {
  id: string;
  kind: MatchKind;
  status: MatchStatus;
  score: number;
  recommended?: boolean;
  participants: Pick<MatchParticipant, 'interest'>[];
}

/** The start of a group's keys in a listing's index (`shownRankKey`), in the page's order. */
export function shownGroupPrefix(group: ShownGroup): string {
  return `${SHOWN_GROUPS.indexOf(group) + 1}#`;
}

/** The group a proposal is shown in; none once closed (it can no longer happen). */
export function shownGroupOf(match: RankedProposal): ShownGroup | undefined {
  if (match.status === 'closed') return undefined;
  const actedOn =
    match.status === 'mutual' ||
    match.status === 'engaged' ||
    (match.recommended === true && match.status === 'proposed') ||
    match.participants.some((participant) => participant.interest !== 'pending');
  if (actedOn) return 'followed';
  return match.kind === '2-way' ? 'direct' : 'ranked';
}

/** Best first; 2-way before 3-way at equal score, then by id so that the order is total. */
export function byRank(a: RankedProposal, b: RankedProposal): number {
  return (
    b.score - a.score ||
    (a.kind === b.kind || (a.kind !== '2-way' && b.kind !== '2-way')
      ? a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0
      : a.kind === '2-way'
        ? -1
        : 1)
  );
}

/** The proposals a listing's page shows among all those stored through it, best first. */
export function selectShown<T extends RankedProposal>(matches: readonly T[]): T[] {
  const shown: T[] = [];
  let ranked = 0;
  for (const match of [...matches].sort(byRank)) {
    const group = shownGroupOf(match);
    if (group === undefined) continue;
    if (group === 'ranked' && ranked++ >= BEST_RANKED_SHOWN) continue;
    shown.push(match);
  }
  return shown;
}

/**
 * The part of a proposal's index key that orders it within a listing's: its group, then best
 * score first, 2-way before 3-way at equal score, then its id (ids are base64url, compared as
 * strings, as `byRank` does). Scores are tenths (`roundScore`) in ±100,000.
 */
export function shownRankKey(match: RankedProposal): string | undefined {
  const group = shownGroupOf(match);
  if (group === undefined) return undefined;
  const tenths = Math.round(match.score * 10);
  const descending = String(1_000_000 - tenths).padStart(7, '0');
  return `${shownGroupPrefix(group)}${descending}#${match.kind === '2-way' ? 0 : 1}#${match.id}`;
}

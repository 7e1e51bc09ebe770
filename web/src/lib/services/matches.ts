/**
 * Matches (docs/api.md "Matches"). `matchesOfListing` serves the reception point's printable sheet:
 * `null` when the API does not offer them (older API, role not allowed), so the sheet says
 * proposals will appear instead of failing.
 */
import { ApiError, api, type Page } from '$lib/api';
import type { MatchFilter } from '$shared/match/shown-page';
import type { z } from 'zod';
import type { MatchView, matchSummarySchema, messageSchema } from '$shared/schemas/match';
import type { SwapView } from '$shared/schemas/swap';

export async function matchesOfListing(listingId: string): Promise<MatchView[] | null> {
  try {
    return await api.get<MatchView[]>(`/matches?listingId=${encodeURIComponent(listingId)}`);
  } catch (error) {
    // 404: no such endpoint yet; 400/403: not offered for this role yet. Nothing to show either way.
    if (error instanceof ApiError && [400, 403, 404, 405].includes(error.status)) return null;
    throw error;
  }
}

/*
 * "Mes propositions" (routes/propositions): the tenant's own proposals, their counts, answers,
 * messages and the swap request. Types are the API's (`$shared/schemas/match`), imported as
 * types only so the pages do not bundle zod.
 */

export type { MatchView };
export type MatchParticipantView = MatchView['participants'][number];
export type MatchCounts = z.infer<typeof matchSummarySchema>;
export type MatchMessage = z.infer<typeof messageSchema>;

/** What POST /api/swaps answers: the swap, as GET /api/swaps/{id} shows it. */
export type SwapCreated = SwapView;

const matchPath = (id: string) => `/matches/${encodeURIComponent(id)}`;

/** How many proposals "Mes propositions" loads at a time. */
export const MATCH_PAGE_SIZE = 20;

/** A page of the tenant's proposals under `filter`, best first; `cursor` from the previous page. */
export function myMatchesPage(
  filter: MatchFilter,
  cursor?: string,
  limit = MATCH_PAGE_SIZE,
): Promise<Page<MatchView>> {
  const params = new URLSearchParams({ limit: String(limit) });
  if (filter !== 'all') params.set('filter', filter);
  if (cursor) params.set('cursor', cursor);
  return api.getLinkedPage<MatchView>(`/matches?${params}`);
}

/** Every proposal everyone agreed to (few: those on their way to a swap), page after page. */
export async function myAgreedMatches(): Promise<MatchView[]> {
  const agreed: MatchView[] = [];
  let cursor: string | undefined;
  do {
    const page = await myMatchesPage('mutual', cursor, 100);
    agreed.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return agreed;
}

export const myMatchCounts = () => api.get<MatchCounts>('/matches/summary');
export const getMatch = (id: string) => api.get<MatchView>(matchPath(id));
export const answerMatch = (id: string, interested: boolean) =>
  api.post<MatchView>(`${matchPath(id)}/interest`, { interested });
export const reportVisit = (id: string, suitable: boolean) =>
  api.post<MatchView>(`${matchPath(id)}/visit`, { suitable });
export const matchMessages = (id: string) => api.get<MatchMessage[]>(`${matchPath(id)}/messages`);
export const sendMatchMessage = (id: string, text: string) =>
  api.post<MatchMessage>(`${matchPath(id)}/messages`, { text });
export const requestSwap = (matchId: string) => api.post<SwapCreated>('/swaps', { matchId });

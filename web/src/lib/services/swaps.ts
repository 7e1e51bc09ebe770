/**
 * Swaps (docs/api.md "Swaps"): one swap, the participants' confirm and cancel, the lessors' decisions,
 * the completion, and the staff queue. Types are the API's (`$shared/schemas/swap`), imported as
 * types only so the pages do not bundle zod.
 */
import { api, type Page } from '$lib/api';
import type { ReviewBody, ReviewInfo, SwapView } from '$shared/schemas/swap';
import type { SwapStatus } from '$shared/swap/lifecycle';

export type { ReviewBody, ReviewInfo, SwapStatus, SwapView };
export type SwapParticipantView = SwapView['participants'][number];
export type SwapReviewView = SwapView['reviews'][number];

const swapPath = (id: string) => `/swaps/${encodeURIComponent(id)}`;

export const getSwap = (id: string) => api.get<SwapView>(swapPath(id));
export const confirmSwap = (id: string) => api.post<SwapView>(`${swapPath(id)}/confirm`);
export const cancelSwap = (id: string, reason: string) =>
  api.post<SwapView>(`${swapPath(id)}/cancel`, { reason });
export const reviewSwap = (id: string, body: ReviewBody) =>
  api.post<SwapView>(`${swapPath(id)}/reviews`, body);
export const completeSwap = (id: string, effectiveDate: string) =>
  api.post<SwapView>(`${swapPath(id)}/complete`, { effectiveDate });
/** The CALEOL file: a plain link, the session cookie goes with it. */
export const swapFileUrl = (id: string) => `/api${swapPath(id)}/file.pdf`;

/** Small pages: an agent treats a few at a time, and a phone shows them quickly. */
export const SWAP_PAGE_SIZE = 20;

export function swapQueue(query: { status?: SwapStatus; lessorId?: string; cursor?: string }) {
  const params = new URLSearchParams({ limit: String(SWAP_PAGE_SIZE) });
  if (query.status) params.set('status', query.status);
  if (query.lessorId) params.set('lessorId', query.lessorId);
  if (query.cursor) params.set('cursor', query.cursor);
  return api.get<Page<SwapView>>(`/swaps?${params}`);
}

/*
 * Tenants have no "my swaps" endpoint: the swap's address comes from the request (or the e-mails).
 * The swaps a tenant opened on this device are remembered, per account, so /echanges can list them.
 */
const storageKey = (userId: string) => `echange-kaz:echanges:${userId}`;

export function rememberedSwapIds(userId: string): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberSwap(userId: string, swapId: string): void {
  try {
    const ids = [swapId, ...rememberedSwapIds(userId).filter((id) => id !== swapId)].slice(0, 10);
    localStorage.setItem(storageKey(userId), JSON.stringify(ids));
  } catch {
    // Private browsing or storage full: the page still works, /echanges just cannot list it.
  }
}

export function forgetSwap(userId: string, swapId: string): void {
  try {
    localStorage.setItem(
      storageKey(userId),
      JSON.stringify(rememberedSwapIds(userId).filter((id) => id !== swapId)),
    );
  } catch {
    // Nothing to forget.
  }
}

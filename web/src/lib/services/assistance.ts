/**
 * A reception agent acting for the tenants they assist (docs/api.md "Reception agents acting for a
 * tenant"): the daily queue, and the committing steps, each sent with how the tenant agreed.
 * Types only from `$shared`, so the pages do not bundle zod.
 */
import { api } from '$lib/api';
import type { AgentQueue } from '$shared/schemas/agent-queue';
import type { Consent, RecordedConsent } from '$shared/schemas/consent';
import type { MatchView, SwapCreated } from './matches';
import type { SwapView } from './swaps';

export type { AgentQueue, Consent, RecordedConsent };

const matchPath = (id: string) => `/matches/${encodeURIComponent(id)}`;

export const agentQueue = () => api.get<AgentQueue>('/assistance/queue');
export const answerFor = (matchId: string, interested: boolean, consent: Consent) =>
  api.post<MatchView>(`${matchPath(matchId)}/interest`, { interested, consent });
export const reportVisitFor = (matchId: string, suitable: boolean, consent: Consent) =>
  api.post<MatchView>(`${matchPath(matchId)}/visit`, { suitable, consent });
export const requestSwapFor = (matchId: string, consent: Consent) =>
  api.post<SwapCreated>('/swaps', { matchId, consent });
export const confirmSwapFor = (swapId: string, consent: Consent) =>
  api.post<SwapView>(`/swaps/${encodeURIComponent(swapId)}/confirm`, { consent });

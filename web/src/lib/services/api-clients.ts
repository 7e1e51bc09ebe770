/** API clients of lessors' systems, for Armos (docs/api.md "API clients of lessors' systems"). */
import { api } from '$lib/api';
import type { ApiClientView, CreatedApiClientView } from '$shared/schemas/api-client';

export type ApiClient = ApiClientView;
export type CreatedApiClient = CreatedApiClientView;

export const listApiClients = () => api.get<ApiClient[]>('/admin/api-clients');
export const createApiClient = (body: { lessorId: string; name: string }) =>
  api.post<CreatedApiClient>('/admin/api-clients', body);
export const revokeApiClient = (clientId: string) =>
  api.delete<ApiClient>(`/admin/api-clients/${encodeURIComponent(clientId)}`);

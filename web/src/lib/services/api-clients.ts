/** API clients of lessors' systems, for Armos (docs/api.md "API clients of lessors' systems"). */
import { api } from '$lib/api';

export interface ApiClient {
  clientId: string;
  lessorId: string;
  name: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  lastTokenAt?: string;
}

export type CreatedApiClient = ApiClient & { clientSecret: string };

export const listApiClients = () => api.get<ApiClient[]>('/admin/api-clients');
export const createApiClient = (body: { lessorId: string; name: string }) =>
  api.post<CreatedApiClient>('/admin/api-clients', body);
export const revokeApiClient = (clientId: string) =>
  api.delete<ApiClient>(`/admin/api-clients/${encodeURIComponent(clientId)}`);

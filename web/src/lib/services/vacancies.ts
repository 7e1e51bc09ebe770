/**
 * Vacant dwellings offered to mutation (docs/api.md "Additions"): the lessor's page posts,
 * lists, withdraws and renews them. Types are the API's, imported as types only (no zod bundled).
 */
import { api, type Page } from '$lib/api';
import type { Vacancy, VacancyBody } from '$shared/schemas/vacancy';

export type { Vacancy, VacancyBody };

const PAGE_SIZE = 20;
const vacancyPath = (id: string) => `/lessor/vacancies/${encodeURIComponent(id)}`;

export function myVacancies(query: { lessorId?: string; cursor?: string }) {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (query.lessorId) params.set('lessorId', query.lessorId);
  if (query.cursor) params.set('cursor', query.cursor);
  return api.get<Page<Vacancy>>(`/lessor/vacancies?${params}`);
}

export const postVacancy = (body: VacancyBody) => api.post<Vacancy>('/lessor/vacancies', body);
export const withdrawVacancy = (id: string) => api.post<Vacancy>(`${vacancyPath(id)}/withdraw`);
export const renewVacancy = (id: string) => api.post<Vacancy>(`${vacancyPath(id)}/renew`);

/** The vacancies still offered, every lessor's for Armos (or one's), the nearest end first. */
export function openVacancies(query: { lessorId?: string; cursor?: string }) {
  const params = new URLSearchParams({ status: 'open', limit: String(PAGE_SIZE) });
  if (query.lessorId) params.set('lessorId', query.lessorId);
  if (query.cursor) params.set('cursor', query.cursor);
  return api.get<Page<Vacancy>>(`/lessor/vacancies?${params}`);
}

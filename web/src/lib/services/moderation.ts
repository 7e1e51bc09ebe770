/**
 * "Signaler" and Armos's answer to it: reports (docs/api.md "Served beyond the contract") and the
 * suspension of a listing (docs/api.md "Additions").
 */
import type { z } from 'zod';
import { api } from '$lib/api';
import type { reportBodySchema, reportSchema } from '$shared/schemas/moderation';

export type ReportBody = z.infer<typeof reportBodySchema>;
export type Report = z.infer<typeof reportSchema>;

export const reportParticipant = (body: ReportBody) => api.post<Report>('/reports', body);

export const latestReports = () => api.get<Report[]>('/reports');

export const suspendListing = (listingId: string, reason: string) =>
  api.post<{ status: string }>(`/listings/${encodeURIComponent(listingId)}/suspend`, { reason });

export const reinstateListing = (listingId: string) =>
  api.post<{ status: string }>(`/listings/${encodeURIComponent(listingId)}/reinstate`, {});

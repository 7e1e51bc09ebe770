/** Statistics requests of the /statistiques page; types come from the API's own schemas. */
import { api } from '$lib/api';
import type { CommuneStats, FlowStats, QuartierStats } from '$shared/schemas/stats';

export type StatsKind = 'quartiers' | 'communes' | 'flows';

const query = (from: string, to: string) =>
  `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

/** Link to download one table (the browser sends the session cookie). */
export const downloadUrl = (kind: StatsKind, from: string, to: string, format: 'csv' | 'json') =>
  `/api/stats/${kind}?${query(from, to)}&format=${format}`;

export async function loadStats(
  from: string,
  to: string,
): Promise<{ quartiers: QuartierStats; communes: CommuneStats; flows: FlowStats }> {
  const [quartiers, communes, flows] = await Promise.all([
    api.get<QuartierStats>(`/stats/quartiers?${query(from, to)}`),
    api.get<CommuneStats>(`/stats/communes?${query(from, to)}`),
    api.get<FlowStats>(`/stats/flows?${query(from, to)}`),
  ]);
  return { quartiers, communes, flows };
}

/** What ends with an API client: the webhook endpoints it registered. */
import type { ApiClient } from '../db/api-clients';
import type { Database } from '../db/client';
import type { TransactItem } from '../db/transact';
import { endpointsOfLessor, webhookEndpointDelete } from '../db/webhooks';

export async function webhookEndpointsEndedWithClient(
  db: Database,
  client: ApiClient,
): Promise<TransactItem[]> {
  const endpoints = await endpointsOfLessor(db, client.lessorId);
  return endpoints
    .filter((endpoint) => endpoint.clientId === client.clientId)
    .map((endpoint) => webhookEndpointDelete(db, endpoint.lessorId, endpoint.id));
}

/** Registering and ending webhook endpoints of a lessor. */
import { ulid } from 'ulid';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/errors';
import { webhookUrlProblem, type WebhookEvent } from '../../../shared/schemas/webhook';
import type { ApiClient } from '../db/api-clients';
import { auditPut } from '../db/audit';
import type { Database } from '../db/client';
import { transactWrite, type TransactItem } from '../db/transact';
import {
  ENDPOINTS_PER_LESSOR,
  endpointsOfLessor,
  findEndpoint,
  publicEndpoint,
  webhookEndpointDelete,
  webhookEndpointPut,
  type WebhookEndpoint,
} from '../db/webhooks';
import { newWebhookSecret } from './signature';
import type { AppContext } from '../app-context';

export type EndpointDeps = Pick<AppContext, 'db' | 'now' | 'allowLocalhost'>;

export interface Registrar {
  actorId: string;
  actorRole: string;
  clientId?: string;
}

export async function registerEndpoint(
  deps: EndpointDeps,
  who: Registrar,
  lessorId: string,
  input: { url: string; events: WebhookEvent[]; description?: string },
): Promise<WebhookEndpoint & { secret: string }> {
  const problem = webhookUrlProblem(input.url, deps.allowLocalhost);
  if (problem) throw new ValidationError(problem, [{ path: 'url', message: problem }]);
  const existing = await endpointsOfLessor(deps.db, lessorId);
  if (existing.length >= ENDPOINTS_PER_LESSOR)
    throw new ConflictError(
      `Ce bailleur a déjà ${ENDPOINTS_PER_LESSOR} points de réception : supprimez-en un d’abord.`,
    );
  const now = deps.now();
  const endpoint = {
    id: ulid(now.getTime()),
    lessorId,
    ...(who.clientId ? { clientId: who.clientId } : {}),
    url: input.url,
    events: [...new Set(input.events)],
    ...(input.description ? { description: input.description } : {}),
    createdAt: now.toISOString(),
    createdBy: who.actorId,
    secret: newWebhookSecret(),
  };
  await transactWrite(deps.db, [
    webhookEndpointPut(deps.db, endpoint),
    auditPut(
      deps.db,
      {
        actorId: who.actorId,
        actorRole: who.actorRole,
        action: 'webhook-registered',
        subject: `webhook:${endpoint.id}`,
        details: { lessorId, events: endpoint.events.join(',') },
      },
      now,
    ),
  ]);
  return { ...publicEndpoint(endpoint), secret: endpoint.secret };
}

export async function removeEndpoint(
  deps: EndpointDeps,
  who: Registrar,
  lessorId: string,
  endpointId: string,
): Promise<void> {
  if (!(await findEndpoint(deps.db, lessorId, endpointId)))
    throw new NotFoundError('Point de réception introuvable.');
  const now = deps.now();
  await transactWrite(
    deps.db,
    [
      webhookEndpointDelete(deps.db, lessorId, endpointId),
      auditPut(
        deps.db,
        {
          actorId: who.actorId,
          actorRole: who.actorRole,
          action: 'webhook-removed',
          subject: `webhook:${endpointId}`,
          details: { lessorId },
        },
        now,
      ),
    ],
    () => new NotFoundError('Point de réception introuvable.'),
  );
}

/** What ends with an API client: the webhook endpoints it registered. */
export async function webhookEndpointsEndedWithClient(
  db: Database,
  client: ApiClient,
): Promise<TransactItem[]> {
  const endpoints = await endpointsOfLessor(db, client.lessorId);
  return endpoints
    .filter((endpoint) => endpoint.clientId === client.clientId)
    .map((endpoint) => webhookEndpointDelete(db, endpoint.lessorId, endpoint.id));
}

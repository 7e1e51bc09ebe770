/**
 * A lessor's webhook endpoints as its system, its agents and Armos see them: registering one for a
 * known lessor, listing them without their secrets, and an endpoint's delivery log.
 */
import { NotFoundError, ValidationError } from '../../../shared/errors';
import {
  deliveriesOf,
  endpointsOfLessor,
  findEndpoint,
  publicEndpoint,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '../db/webhooks';
import type { CursorCodec } from '../pagination';
import { registerEndpoint, type EndpointDeps, type Registrar } from './endpoints';
import type { AppContext } from '../app-context';

export async function registerLessorEndpoint(
  deps: EndpointDeps & Pick<AppContext, 'reference'>,
  who: Registrar,
  lessorId: string,
  input: Parameters<typeof registerEndpoint>[3],
): Promise<WebhookEndpoint & { secret: string }> {
  if (!(await deps.reference()).lessors.some((lessor) => lessor.id === lessorId))
    throw new ValidationError('Bailleur inconnu.', [
      { path: 'lessorId', message: 'Bailleur inconnu.' },
    ]);
  return registerEndpoint(deps, who, lessorId, input);
}

export async function lessorEndpoints(
  deps: Pick<AppContext, 'db'>,
  lessorId: string,
): Promise<WebhookEndpoint[]> {
  return (await endpointsOfLessor(deps.db, lessorId)).map(publicEndpoint);
}

/** Newest first, a page at a time; only the endpoint's own lessor (or Armos naming it) reads it. */
export async function endpointDeliveries(
  deps: Pick<AppContext, 'db'>,
  lessorId: string,
  endpointId: string,
  page: { limit: number; cursor?: string },
  cursors: CursorCodec,
): Promise<{ items: WebhookDelivery[]; nextCursor?: string }> {
  if (!(await findEndpoint(deps.db, lessorId, endpointId)))
    throw new NotFoundError('Point de réception introuvable.');
  const scope = `webhook-deliveries:${endpointId}`;
  const found = await deliveriesOf(deps.db, endpointId, {
    limit: page.limit,
    cursor: cursors.decode(scope, page.cursor),
  });
  return {
    items: found.deliveries,
    ...(found.cursor ? { nextCursor: cursors.encode(scope, found.cursor) } : {}),
  };
}

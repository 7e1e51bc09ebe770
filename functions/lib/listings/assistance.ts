/**
 * Ending a reception agent's delegation: the tenant (or Armos) takes the listing back. The listing
 * loses its assistance, the agent's "managed" entry goes, and the agent loses access at once —
 * access is decided from the listing itself on every request.
 */
import { ConflictError } from '../../../shared/errors';
import type { Listing } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';
import { auditPut } from '../db/audit';
import {
  ListingChangedError,
  getListing,
  listingUpdatePut,
  managedListingDelete,
} from '../db/listings';
import { outboxPut } from '../db/outbox';
import { transactWrite, type TransactItem } from '../db/transact';
import { getUser } from '../db/users';
import { reachableEmail } from '../mail/addresses';
import { assistanceEndedAgentMail, assistanceEndedTenantMail } from '../mail/assistance-mails';
import { assertCanEndAssistance } from './access';
import type { AppContext } from '../app-context';

export type AssistanceDeps = Pick<AppContext, 'db' | 'now' | 'appUrl'>;

export async function endAssistance(
  deps: AssistanceDeps,
  caller: User,
  listingId: string,
): Promise<Listing> {
  const current = await getListing(deps.db, listingId);
  assertCanEndAssistance(caller, current);
  const assistance = current.assistance;
  if (!assistance)
    throw new ConflictError('Cette annonce n’est accompagnée par aucun agent d’accueil.');
  const now = deps.now();
  const { assistance: _ended, ...rest } = current;
  const updated: Listing = { ...rest, updatedAt: now.toISOString() };
  const endedBy = caller.role === 'armos' ? 'armos' : 'tenant';
  const mails: TransactItem[] = [];
  const agentEmail = (await getUser(deps.db, assistance.agentId))?.email;
  if (agentEmail)
    mails.push(
      outboxPut(
        deps.db,
        {
          to: agentEmail,
          ...assistanceEndedAgentMail(deps.appUrl, endedBy),
          kind: 'assistance-ended',
        },
        now,
      ),
    );
  if (endedBy === 'armos') {
    const tenantEmail = reachableEmail(await getUser(deps.db, current.ownerId));
    if (tenantEmail)
      mails.push(
        outboxPut(
          deps.db,
          { to: tenantEmail, ...assistanceEndedTenantMail(deps.appUrl), kind: 'assistance-ended' },
          now,
        ),
      );
  }
  await transactWrite(
    deps.db,
    [
      listingUpdatePut(deps.db, updated, current.version, now),
      managedListingDelete(deps.db, assistance.agentId, current.id),
      auditPut(
        deps.db,
        {
          actorId: caller.id,
          actorRole: caller.role,
          action: 'assistance-ended',
          subject: `listing:${current.id}`,
          details: { agentId: assistance.agentId },
        },
        now,
      ),
      ...mails,
    ],
    () => new ListingChangedError(),
  );
  return { ...updated, version: current.version + 1 };
}

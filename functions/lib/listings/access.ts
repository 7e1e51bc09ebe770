/** Who may read or act on a listing. Others get 404: existence is not revealed. */
import { ForbiddenError, NotFoundError } from '../../../shared/errors';
import type { Listing } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';

/**
 * The owner, or the reception agent who assists the tenant. Agents are not tied to a reception
 * point in the data model, so the delegation is personal: another agent has no access.
 */
export function canManage(user: User, listing: Listing): boolean {
  if (listing.ownerId === user.id) return true;
  return (
    user.role === 'accueil' &&
    listing.assistance !== undefined &&
    listing.assistance.agentId === user.id
  );
}

/** Sees the full listing: who manages it, its lessor, Armos. */
export function canReadPrivate(user: User, listing: Listing): boolean {
  if (canManage(user, listing)) return true;
  if (user.role === 'armos') return true;
  return user.role === 'lessor' && user.lessorId === listing.dwelling.lessorId;
}

export function canVerify(user: User, listing: Listing): boolean {
  return (
    user.role === 'armos' || (user.role === 'lessor' && user.lessorId === listing.dwelling.lessorId)
  );
}

/** Only who manages the listing may change it: 403 for staff who may read it, 404 for others. */
export function assertCanManage(user: User, listing: Listing): void {
  if (canManage(user, listing)) return;
  if (canReadPrivate(user, listing))
    throw new ForbiddenError(
      'Seul le locataire (ou l’agent d’accueil qui l’accompagne) peut modifier son annonce.',
    );
  throw new NotFoundError('Annonce introuvable.');
}

/** Who may end an agent's delegation: the tenant themself, or Armos. */
export function assertCanEndAssistance(user: User, listing: Listing): void {
  if (listing.ownerId === user.id || user.role === 'armos') return;
  if (canReadPrivate(user, listing))
    throw new ForbiddenError('Seul le locataire ou Armos peut mettre fin à l’accompagnement.');
  throw new NotFoundError('Annonce introuvable.');
}

/** Who may read or act on a listing. Others get 404: existence is not revealed. */
import { ForbiddenError, NotFoundError } from '../../../shared/errors';
import type { Listing } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';

/** The owner, or a reception agent for a listing created at a reception point. */
export function canManage(user: User, listing: Listing): boolean {
  return listing.ownerId === user.id || (user.role === 'accueil' && listing.assistance !== undefined);
}

/** Sees the full listing: who manages it, its lessor, Armos. */
export function canReadPrivate(user: User, listing: Listing): boolean {
  if (canManage(user, listing)) return true;
  if (user.role === 'armos') return true;
  return user.role === 'lessor' && user.lessorId === listing.dwelling.lessorId;
}

export function canVerify(user: User, listing: Listing): boolean {
  return user.role === 'armos' || (user.role === 'lessor' && user.lessorId === listing.dwelling.lessorId);
}

/** Only who manages the listing may change it: 403 for staff who may read it, 404 for others. */
export function assertCanManage(user: User, listing: Listing): void {
  if (canManage(user, listing)) return;
  if (canReadPrivate(user, listing)) throw new ForbiddenError('Seul le locataire (ou son point d’accueil) peut modifier son annonce.');
  throw new NotFoundError('Annonce introuvable.');
}

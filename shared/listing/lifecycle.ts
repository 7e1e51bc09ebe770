/**
 * The listing's lifecycle (docs/design.md "Lifecycle"):
 * draft → published → engaged → exchanged, or withdrawn, expired, suspended.
 */
import { addMonths } from 'date-fns';
import type { Listing, ListingStatus } from '../schemas/listing';

export const LISTING_VALIDITY_MONTHS = 6;
export const EXPIRY_REMINDER_DAYS = [30, 7] as const;

export type OwnerAction = 'publish' | 'withdraw' | 'renew' | 'edit';

const allowedFrom: Record<OwnerAction, readonly ListingStatus[]> = {
  publish: ['draft', 'withdrawn', 'expired'],
  withdraw: ['draft', 'published', 'suspended', 'expired'],
  renew: ['published', 'expired'],
  edit: ['draft', 'published', 'withdrawn', 'expired', 'suspended'],
};

const refusals: Record<OwnerAction, string> = {
  publish: 'Cette annonce ne peut pas être publiée dans son état actuel',
  withdraw: 'Cette annonce ne peut pas être retirée dans son état actuel',
  renew: 'Seule une annonce publiée ou expirée peut être prolongée',
  edit: 'Cette annonce ne peut pas être modifiée pendant un échange en cours ou après l’échange',
};

export function canOwner(action: OwnerAction, status: ListingStatus): boolean {
  return allowedFrom[action].includes(status);
}

export function refusalOf(action: OwnerAction, status: ListingStatus): string {
  return `${refusals[action]} (statut : ${STATUS_LABELS[status]}).`;
}

/** Statuses in which the listing still belongs to the tenant's one active listing. */
export const ACTIVE_STATUSES: readonly ListingStatus[] = [
  'draft',
  'published',
  'engaged',
  'suspended',
  'expired',
];

export function expiryFrom(publishedAt: Date): Date {
  return addMonths(publishedAt, LISTING_VALIDITY_MONTHS);
}

/** Whether the listing takes part in matching at `now`. */
export function takesPartInMatching(
  listing: Pick<Listing, 'status' | 'verification' | 'expiresAt'>,
  now: Date,
): boolean {
  return (
    listing.status === 'published' &&
    listing.verification !== 'rejected' &&
    listing.expiresAt !== undefined &&
    new Date(listing.expiresAt) > now
  );
}

export const STATUS_LABELS: Record<ListingStatus, string> = {
  draft: 'brouillon',
  published: 'publiée',
  engaged: 'échange en cours',
  exchanged: 'échangée',
  withdrawn: 'retirée',
  expired: 'expirée',
  suspended: 'suspendue',
};

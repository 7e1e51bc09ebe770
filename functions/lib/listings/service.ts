/**
 * Use cases of listings: each validates against the reference data, checks the lifecycle,
 * and writes the listing, its audit item and its mails in one transaction.
 */
import { ulid } from 'ulid';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../shared/errors';
import {
  canOwner,
  expiryFrom,
  refusalOf,
  type OwnerAction,
} from '../../../shared/listing/lifecycle';
import { referenceIssues } from '../../../shared/listing/validate';
import type {
  Listing,
  ListingInput,
  OnBehalfOf,
  VerificationBody,
} from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';
import { auditPut } from '../db/audit';
import { expiryScheduleItems } from '../db/expiry';
import { isHeldBySuspension } from '../moderation/suspension';
import {
  ActiveListingExistsError,
  LISTING_CONDITION,
  ListingChangedError,
  activeListingGuardDelete,
  activeListingGuardPut,
  getListing,
  listingCreatePut,
  listingUpdatePut,
  managedListingPut,
} from '../db/listings';
import type { OutgoingMail } from '../db/outbox';
import { transactWrite, type TransactItem } from '../db/transact';
import { findUserByEmail, newUser, userCreationFailure, userCreationItems } from '../db/users';
import { placeholderEmail } from '../mail/addresses';
import { mailsToListingHolders } from '../mail/assisted-mail';
import {
  listingPublishedMail,
  listingRejectedMail,
  listingVerifiedMail,
} from '../mail/listing-mails';
import { assertCanManage, canVerify } from './access';
import { countMetric, METRIC } from '../metrics';
import type { AppContext } from '../app-context';

export type ListingDeps = Pick<AppContext, 'db' | 'now' | 'appUrl' | 'reference'>;

async function assertReferenceValid(
  deps: ListingDeps,
  input: Partial<ListingInput>,
): Promise<void> {
  const issues = referenceIssues(input, await deps.reference());
  if (issues.length > 0)
    throw new ValidationError(
      `Champ « ${issues[0]!.path} » invalide : ${issues[0]!.message}`,
      issues,
    );
}

export async function createListing(
  deps: ListingDeps,
  caller: User,
  input: ListingInput,
  onBehalfOf?: OnBehalfOf,
): Promise<Listing> {
  await assertReferenceValid(deps, input);
  const now = deps.now();
  const at = now.toISOString();
  const extra: TransactItem[] = [];
  let ownerId = caller.id;
  let assistance: Listing['assistance'];

  if (caller.role === 'accueil') {
    if (!onBehalfOf)
      throw new ValidationError('Indiquez pour quel locataire vous créez l’annonce (onBehalfOf).', [
        { path: 'onBehalfOf', message: 'Obligatoire pour un agent d’accueil.' },
      ]);
    const existing = onBehalfOf.email
      ? await findUserByEmail(deps.db, onBehalfOf.email)
      : undefined;
    if (existing && existing.role !== 'tenant')
      throw new ConflictError('Cette adresse appartient à un compte du personnel.');
    if (existing) ownerId = existing.id;
    else {
      // A tenant without e-mail still gets an account, reachable through the reception point.
      const tenant = newUser(
        {
          email: onBehalfOf.email ?? placeholderEmail(),
          role: 'tenant',
          displayName: onBehalfOf.name,
          phone: onBehalfOf.phone,
        },
        now,
      );
      extra.push(...userCreationItems(deps.db, tenant));
      ownerId = tenant.id;
    }
    assistance = {
      agentId: caller.id,
      name: onBehalfOf.name,
      email: onBehalfOf.email,
      phone: onBehalfOf.phone,
      consentAt: at,
    };
  } else if (onBehalfOf) {
    throw new ForbiddenError(
      'Seul un agent d’accueil peut créer une annonce pour quelqu’un d’autre.',
    );
  }

  const listing: Listing = {
    id: ulid(now.getTime()),
    ownerId,
    ...input,
    status: 'draft',
    verification: 'pending',
    ...(assistance ? { assistance } : {}),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  if (assistance) extra.push(managedListingPut(deps.db, caller.id, listing.id, at));
  await transactWrite(
    deps.db,
    [
      listingCreatePut(deps.db, listing, now),
      activeListingGuardPut(deps.db, ownerId, listing.id),
      auditPut(
        deps.db,
        {
          actorId: caller.id,
          actorRole: caller.role,
          action: 'listing-created',
          subject: `listing:${listing.id}`,
          details: { assisted: assistance !== undefined },
        },
        now,
      ),
      ...extra,
    ],
    (failed) =>
      failed.names.has(LISTING_CONDITION.ownerHasNoOtherActiveListing)
        ? new ActiveListingExistsError()
        : userCreationFailure(failed),
  );
  return listing;
}

export async function updateListing(
  deps: ListingDeps,
  caller: User,
  listingId: string,
  changes: Partial<ListingInput>,
): Promise<Listing> {
  const current = await getListing(deps.db, listingId);
  assertCanManage(caller, current);
  if (!canOwner('edit', current.status)) throw new ConflictError(refusalOf('edit', current.status));
  const merged = { ...current, ...changes };
  // Wished quartiers are checked against the wished communes, so check the merged wishes.
  await assertReferenceValid(deps, {
    ...changes,
    ...(changes.wishes || changes.dwelling ? { wishes: merged.wishes } : {}),
  });
  const dwellingChanged =
    changes.dwelling !== undefined &&
    JSON.stringify(changes.dwelling) !== JSON.stringify(current.dwelling);
  const now = deps.now();
  const updated: Listing = {
    ...merged,
    // The lessor verified that dwelling, not the new one.
    ...(dwellingChanged
      ? {
          verification: 'pending' as const,
          verificationReason: undefined,
          nextRent: undefined,
          nextCharges: undefined,
        }
      : {}),
    updatedAt: now.toISOString(),
  };
  await transactWrite(
    deps.db,
    [
      listingUpdatePut(deps.db, updated, current.version, now),
      auditPut(
        deps.db,
        {
          actorId: caller.id,
          actorRole: caller.role,
          action: 'listing-edited',
          subject: `listing:${listingId}`,
          details: { dwellingChanged },
        },
        now,
      ),
    ],
    () => new ListingChangedError(),
  );
  return { ...updated, version: current.version + 1 };
}

export async function changeListingStatus(
  deps: ListingDeps,
  caller: User,
  listingId: string,
  action: Exclude<OwnerAction, 'edit'>,
): Promise<Listing> {
  const current = await getListing(deps.db, listingId);
  assertCanManage(caller, current);
  if (!canOwner(action, current.status)) throw new ConflictError(refusalOf(action, current.status));
  const now = deps.now();
  const at = now.toISOString();
  const items: TransactItem[] = [];
  let updated: Listing;
  if (action === 'withdraw') {
    updated = { ...current, status: 'withdrawn', updatedAt: at };
    items.push(activeListingGuardDelete(deps.db, current.ownerId));
  } else {
    if (action === 'publish' && isHeldBySuspension(current))
      throw new ConflictError(
        'Armos a suspendu cette annonce : adressez-vous à un point d’accueil.',
      );
    if (current.verification === 'rejected' && action === 'publish') {
      throw new ConflictError(
        'Votre bailleur a rejeté cette annonce : corrigez le logement avant de la publier.',
      );
    }
    const expiresAt = expiryFrom(now);
    updated = {
      ...current,
      status: 'published',
      publishedAt: action === 'publish' || !current.publishedAt ? at : current.publishedAt,
      expiresAt: expiresAt.toISOString(),
      updatedAt: at,
    };
    // A withdrawn listing coming back must again be the owner's only active one.
    if (current.status === 'withdrawn')
      items.push(activeListingGuardPut(deps.db, current.ownerId, current.id));
    if (action === 'publish')
      items.push(
        ...(await mailToOwner(
          deps,
          current,
          listingPublishedMail(deps.appUrl, expiresAt),
          'listing-published',
          now,
        )),
      );
  }
  items.push(...expiryScheduleItems(deps.db, current, updated));
  await transactWrite(
    deps.db,
    [
      listingUpdatePut(deps.db, updated, current.version, now),
      auditPut(
        deps.db,
        {
          actorId: caller.id,
          actorRole: caller.role,
          action: `listing-${action}`,
          subject: `listing:${listingId}`,
        },
        now,
      ),
      ...items,
    ],
    // The guard is written only when a withdrawn listing comes back.
    (failed) =>
      failed.names.has(LISTING_CONDITION.ownerHasNoOtherActiveListing)
        ? new ActiveListingExistsError()
        : new ListingChangedError(),
  );
  if (action === 'publish') countMetric(METRIC.listingsPublished);
  return { ...updated, version: current.version + 1 };
}

export async function verifyListing(
  deps: ListingDeps,
  caller: User,
  listingId: string,
  decision: VerificationBody,
): Promise<Listing> {
  const { verified, reason } = decision;
  const current = await getListing(deps.db, listingId);
  if (!canVerify(caller, current)) {
    if (caller.role === 'lessor') throw new NotFoundError('Annonce introuvable.');
    throw new ForbiddenError();
  }
  if (current.status === 'withdrawn' || current.status === 'exchanged')
    throw new ConflictError('Cette annonce n’est plus active.');
  const now = deps.now();
  const updated: Listing = {
    ...current,
    verification: verified ? 'verified' : 'rejected',
    verificationReason: verified ? undefined : reason,
    // Stated anew at each verification; left out, the incoming household pays today's rent.
    nextRent: verified ? decision.nextRent : undefined,
    nextCharges: verified ? decision.nextCharges : undefined,
    updatedAt: now.toISOString(),
  };
  const mail = verified
    ? listingVerifiedMail(deps.appUrl)
    : listingRejectedMail(deps.appUrl, reason ?? '');
  await transactWrite(
    deps.db,
    [
      listingUpdatePut(deps.db, updated, current.version, now),
      auditPut(
        deps.db,
        {
          actorId: caller.id,
          actorRole: caller.role,
          action: verified ? 'listing-verified' : 'listing-rejected',
          subject: `listing:${listingId}`,
          details: {
            lessorId: current.dwelling.lessorId,
            ...(updated.nextRent !== undefined ? { nextRent: updated.nextRent } : {}),
            ...(updated.nextCharges !== undefined ? { nextCharges: updated.nextCharges } : {}),
          },
        },
        now,
      ),
      ...(await mailToOwner(
        deps,
        current,
        mail,
        verified ? 'listing-verified' : 'listing-rejected',
        now,
      )),
    ],
    () => new ListingChangedError(),
  );
  return { ...updated, version: current.version + 1 };
}

/** The owner's mail, and a copy to the reception agent who assists them (./mail/assisted-mail.ts). */
export async function mailToOwner(
  deps: Pick<ListingDeps, 'db'>,
  listing: Listing,
  mail: Omit<OutgoingMail, 'to' | 'kind'>,
  kind: string,
  now: Date,
): Promise<TransactItem[]> {
  return mailsToListingHolders(deps.db, listing, mail, kind, now, {
    always: kind === 'listing-rejected',
  });
}

/**
 * The assisted tenant's consent to a step their reception agent takes for them. The tenant's own
 * calls need none (and any sent is ignored: a tenant does not vouch for themself); the agent must
 * say how the tenant agreed, and that statement is kept with the proposal or swap and audited.
 */
import { ValidationError } from '../../../shared/errors';
import type { Listing } from '../../../shared/schemas/listing';
import type { Consent, ConsentStep, RecordedConsent } from '../../../shared/schemas/consent';
import type { User } from '../../../shared/schemas/user';
import { findSwap } from '../db/swaps';
import { registerPersonalData } from '../privacy';

// How one agreed to the steps taken for them is theirs to download; erased, the note goes with the
// proposal's and the swap's pseudonymisation (functions/lib/retention/pseudonymise.ts).
registerPersonalData({
  name: 'accords',
  collect: async (db, footprint) => {
    const mine = new Set(footprint.listings.map((listing) => listing.id));
    const swaps = await Promise.all(footprint.swapIds.map((id) => findSwap(db, id)));
    return [
      ...footprint.matches.flatMap((m) => (m.consents ?? []).map((c) => ({ matchId: m.id, ...c }))),
      ...swaps.flatMap((s) => (s?.consents ?? []).map((c) => ({ swapId: s!.id, ...c }))),
    ].filter((consent) => mine.has(consent.listingId));
  },
  erase: async () => undefined,
});

export const CONSENT_REQUIRED_MESSAGE =
  'Vous agissez pour le locataire : indiquez comment il a donné son accord pour cette étape (consent.channel : guichet, telephone, courrier ou autre, avec une note si besoin).';

/** The consent to record, or undefined when the tenant acts themself. Throws 400 for an agent without one. */
export function consentFor(
  caller: User,
  listing: Listing,
  consent: Consent | undefined,
  step: ConsentStep,
  now: Date,
): RecordedConsent | undefined {
  if (listing.ownerId === caller.id) return undefined;
  if (!consent)
    throw new ValidationError(CONSENT_REQUIRED_MESSAGE, [
      { path: 'consent', message: CONSENT_REQUIRED_MESSAGE },
    ]);
  return {
    listingId: listing.id,
    step,
    channel: consent.channel,
    ...(consent.note ? { note: consent.note } : {}),
    at: now.toISOString(),
    agentId: caller.id,
  };
}

/** The consent as audit details (the audit trail keeps it beside the action). */
export function consentDetails(recorded: RecordedConsent | undefined): Record<string, string> {
  if (!recorded) return {};
  return {
    consentChannel: recorded.channel,
    consentAgentId: recorded.agentId,
    ...(recorded.note ? { consentNote: recorded.note } : {}),
  };
}

/** `consents` appended with `recorded`, as stored on the proposal or swap. */
export function withConsent<T extends { consents?: RecordedConsent[] }>(
  stored: T,
  recorded: RecordedConsent | undefined,
): T {
  return recorded ? { ...stored, consents: [...(stored.consents ?? []), recorded] } : stored;
}

/** What a viewer reads of the consents: those of their own listings (Armos: all). */
export function consentsSeenBy(
  consents: RecordedConsent[] | undefined,
  listingIds: string[],
  everything = false,
): { consents?: RecordedConsent[] } {
  const seen = (consents ?? []).filter((c) => everything || listingIds.includes(c.listingId));
  return seen.length > 0 ? { consents: seen } : {};
}

/**
 * A stored proposal's lifecycle (docs/design.md "Lifecycle"): proposed → mutual (every
 * participant said yes) or declined (anyone said no); engaged when it becomes a swap; closed
 * when it can no longer happen. `suspended` while a participant is away (edited, withdrawn,
 * expired, engaged elsewhere); it comes back to the status it had when they return.
 */
import type { z } from 'zod';
import { ConflictError } from '../errors';
import type { interestSchema, visitReportSchema } from '../schemas/match';
import { MATCH_STATUSES } from './statuses';

export { MATCH_STATUSES };

export type MatchStatus = (typeof MATCH_STATUSES)[number];
export type Interest = z.infer<typeof interestSchema>;
export type VisitReport = z.infer<typeof visitReportSchema>;

export interface MatchParticipant {
  listingId: string;
  ownerId: string;
  interest: Interest;
  visit?: VisitReport;
}

export interface MatchState {
  status: MatchStatus;
  /** The status to return to when a suspension ends. */
  resumeStatus?: MatchStatus;
  /** Set when a participant declined after visiting ("visite sans suite", counted in statistics). */
  declinedAfterVisitAt?: string;
  participants: MatchParticipant[];
}

/** Records a participant's yes or no; all yes → mutual, any no → declined. */
export function recordInterest<T extends MatchState>(
  match: T,
  listingId: string,
  interested: boolean,
): T {
  if (match.status !== 'proposed' && match.status !== 'mutual') {
    throw new ConflictError(
      match.status === 'suspended'
        ? 'Cette proposition est en pause : un participant a modifié ou retiré son annonce.'
        : 'Cette proposition n’est plus ouverte.',
    );
  }
  if (match.status === 'mutual' && interested) return match;
  const participants = match.participants.map((p) =>
    p.listingId === listingId
      ? { ...p, interest: interested ? ('yes' as const) : ('no' as const) }
      : p,
  );
  const status: MatchStatus = participants.some((p) => p.interest === 'no')
    ? 'declined'
    : participants.every((p) => p.interest === 'yes')
      ? 'mutual'
      : 'proposed';
  return { ...match, participants, status };
}

/** Statuses in which a proposal is still alive and can be suspended or closed. */
const LIVE: readonly MatchStatus[] = ['proposed', 'mutual'];

export function suspend<T extends MatchState>(match: T): T {
  if (!LIVE.includes(match.status)) return match;
  return { ...match, status: 'suspended', resumeStatus: match.status };
}

export function resume<T extends MatchState>(match: T): T {
  if (match.status !== 'suspended') return match;
  const { resumeStatus, ...rest } = match;
  return { ...rest, status: resumeStatus ?? 'proposed' } as T;
}

export function close<T extends MatchState>(match: T): T {
  if (match.status === 'declined' || match.status === 'engaged' || match.status === 'closed')
    return match;
  return { ...match, status: 'closed', resumeStatus: undefined };
}

/**
 * A closed proposal may come back among someone's best: reopened, unless someone said no or a
 * swap was already requested from it (refused by a lessor or cancelled: that move will not be
 * offered again).
 */
export function mayReopen(match: MatchState & { swapId?: string }): boolean {
  return (
    match.status === 'closed' &&
    match.swapId === undefined &&
    match.participants.every((p) => p.interest !== 'no')
  );
}

/** Someone already answered: the proposal is kept even when it falls out of the top K. */
export function isAnswered(match: MatchState): boolean {
  return match.participants.some((p) => p.interest !== 'pending');
}

/**
 * Records that a participant visited the dwelling they would move into, and their verdict. A
 * dwelling that does not suit declines the proposal for everyone (the app asks for confirmation
 * first); once a swap is requested, it is the swap that must be cancelled instead.
 */
export function recordVisit<T extends MatchState>(
  match: T,
  listingId: string,
  suitable: boolean,
  at: string,
): T {
  if (match.status !== 'mutual' && match.status !== 'engaged') {
    throw new ConflictError('La visite se déclare une fois que tous les participants ont dit oui.');
  }
  if (!suitable && match.status === 'engaged') {
    throw new ConflictError(
      'Un échange est déjà demandé : pour ne pas y donner suite, annulez la demande depuis la page « Mon échange ».',
    );
  }
  const participants = match.participants.map((p) =>
    p.listingId === listingId
      ? { ...p, visit: { suitable, at }, ...(suitable ? {} : { interest: 'no' as const }) }
      : p,
  );
  return suitable
    ? { ...match, participants }
    : { ...match, participants, status: 'declined', declinedAfterVisitAt: at };
}

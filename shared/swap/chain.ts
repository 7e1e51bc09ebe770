/**
 * A chain of mutation as a swap (docs/design.md "Chains"): a lessor's vacant dwelling V, entered by
 * the first mover, whose own dwelling the second mover enters, and so on; the last mover's dwelling
 * returns to its lessor. The swap then follows the cycles' lifecycle (./lifecycle.ts): every mover
 * confirms, each dwelling entered is reviewed by its lessor (the vacancy's included). The vacancy
 * follows the swap as the listings do: engaged while it runs, let once completed, open again after
 * a refusal or a cancellation. Pure.
 */
import { ConflictError, ValidationError } from '../errors';
import type { Dwelling } from '../schemas/listing';
import type { CycleMember, Swap, SwapChain, SwapStatus } from './lifecycle';
import { isActive, reviewOnceConfirmed } from './lifecycle';

/** A chain moves one to three households. */
export const MAX_CHAIN_SWAP_MOVERS = 3;

export interface ChainMover extends CycleMember {
  dwelling: Pick<Dwelling, 'communeCode' | 'quartierId' | 'typology'>;
}

export interface NewChainSwap {
  id: string;
  matchId: string;
  vacancy: { id: string; lessorId: string; dwelling: SwapChain['vacancy'] };
  /** In move order: movers[0] moves into the vacancy, movers[i] into the dwelling of movers[i - 1]. */
  movers: ChainMover[];
  requesterListingId: string;
  now: Date;
  /** Days lessors have to review (the default otherwise). */
  reviewDays?: number;
}

/**
 * A chain swap asked for by one mover: every other mover still has to confirm. A chain of one
 * mover has nobody else to wait for: it goes to the lessors' review at once.
 */
export function requestChainSwap({
  id,
  matchId,
  vacancy,
  movers,
  requesterListingId,
  now,
  reviewDays,
}: NewChainSwap): Swap {
  if (movers.length < 1 || movers.length > MAX_CHAIN_SWAP_MOVERS)
    throw new ValidationError('Une chaîne de mutation fait déménager un à trois foyers.');
  const ids = movers.map((m) => m.listingId);
  if (new Set([...ids, vacancy.id]).size !== movers.length + 1)
    throw new ValidationError('Un logement ne peut figurer qu’une fois dans une chaîne.');
  if (!ids.includes(requesterListingId))
    throw new ConflictError('Seul un participant peut demander cet échange.');
  const at = now.toISOString();
  const last = movers[movers.length - 1]!;
  const requested: Swap = {
    id,
    matchId,
    kind: 'chain',
    status: 'awaiting_confirmations',
    participants: movers.map(({ dwelling: _dwelling, ...member }, i) => ({
      ...member,
      movesInto: i === 0 ? vacancy.id : movers[i - 1]!.listingId,
      confirmed: member.listingId === requesterListingId,
      ...(member.listingId === requesterListingId ? { confirmedAt: at } : {}),
    })),
    chain: {
      vacancyId: vacancy.id,
      vacancyLessorId: vacancy.lessorId,
      vacancy: vacancy.dwelling,
      released: {
        listingId: last.listingId,
        lessorId: last.lessorId,
        communeCode: last.dwelling.communeCode,
        quartierId: last.dwelling.quartierId,
        typology: last.dwelling.typology,
      },
    },
    reviews: [],
    requestedBy: requesterListingId,
    lessorIds: [...new Set([vacancy.lessorId, ...movers.map((m) => m.lessorId)])],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return reviewOnceConfirmed(requested, now, reviewDays);
}

/** What the chain's vacancy is in each status of the swap, as `listingStatusFor` says for listings. */
export function vacancyStatusFor(status: SwapStatus): 'engaged' | 'open' | 'let' {
  if (status === 'completed') return 'let';
  return isActive(status) ? 'engaged' : 'open';
}

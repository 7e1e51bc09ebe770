/**
 * What a chain of mutation adds to the swap's steps (docs/design.md "Chains"): its vacancy is read
 * and must still be offered when the swap is requested, and at completion the lessor of the
 * released dwelling is told from which day it is free. The rest is the cycles' workflow.
 */
import { ConflictError } from '../../../shared/errors';
import type { Listing } from '../../../shared/schemas/listing';
import { requestChainSwap } from '../../../shared/swap/chain';
import type { Swap } from '../../../shared/swap/lifecycle';
import type { StoredMatch } from '../db/matches';
import type { TransactItem } from '../db/transact';
import { findVacancy, isOpen, type StoredVacancy } from '../db/vacancies';
import { dwellingReleasedMail } from '../mail/chain-swap-mails';
import type { SwapDeps } from './commit';
import { VacancyAlreadyEngagedError } from './commit';
import { staffMails } from './recipients';

/** The chain's vacancy, which every step of its swap writes (`commitTransition`). */
export async function vacancyOfSwap(
  deps: SwapDeps,
  swap: Pick<Swap, 'chain'>,
): Promise<StoredVacancy | undefined> {
  return swap.chain ? findVacancy(deps.db, swap.chain.vacancyId) : undefined;
}

/** The swap of a mutual chain, if its vacancy is still offered. */
export async function chainSwapOf(
  deps: SwapDeps,
  input: { id: string; match: StoredMatch; movers: Listing[]; requesterListingId: string },
  now: Date,
): Promise<{ swap: Swap; vacancy: StoredVacancy }> {
  const vacancyId = input.match.chain!.vacancyId;
  const vacancy = await findVacancy(deps.db, vacancyId);
  if (vacancy?.status === 'engaged') throw new VacancyAlreadyEngagedError();
  if (!vacancy || !isOpen(vacancy, now))
    throw new ConflictError(
      'Le logement vacant de cette chaîne n’est plus proposé par son bailleur : l’échange ne peut pas être demandé.',
    );
  const swap = requestChainSwap({
    id: input.id,
    matchId: input.match.id,
    vacancy: { id: vacancy.id, lessorId: vacancy.lessorId, dwelling: vacancy.dwelling },
    movers: input.movers.map((listing) => ({
      listingId: listing.id,
      ownerId: listing.ownerId,
      lessorId: listing.dwelling.lessorId,
      dwelling: listing.dwelling,
    })),
    requesterListingId: input.requesterListingId,
    now,
    reviewDays: deps.reviewDays,
  });
  return { swap, vacancy };
}

/** At completion: the released dwelling's lessor agents learn the day it is free. */
export async function releasedDwellingMails(
  deps: SwapDeps,
  swap: Swap,
  listings: Map<string, Listing>,
  now: Date,
): Promise<TransactItem[]> {
  if (!swap.chain || !swap.effectiveDate) return [];
  const released = swap.chain.released;
  const ref = await deps.reference();
  const quartier = ref.quartiers.find((q) => q.id === released.quartierId)?.name;
  const commune = ref.communes.find((c) => c.code === released.communeCode)?.name;
  const dwellingRef = listings.get(released.listingId)?.dwelling.dwellingRef;
  const label = `${released.typology} (${[quartier, commune].filter(Boolean).join(', ')}${dwellingRef ? `, logement n° ${dwellingRef}` : ''})`;
  return staffMails(
    deps.db,
    'lessor',
    [released.lessorId],
    dwellingReleasedMail(deps.appUrl, swap.id, label, swap.effectiveDate),
    'swap-dwelling-released',
    now,
  );
}

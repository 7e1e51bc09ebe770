/**
 * What a completed chain of mutation adds to the statistics (docs/design.md "Statistics"): the
 * vacancy its first mover entered is a destination like any dwelling (its move counts in and out),
 * every household that moved through the chain counts once in `chainMoves` where it arrived, and
 * the dwelling the last mover left counts in `dwellingsReleased` where it stands. Read from the
 * swap item's `chain` (shared/swap/lifecycle.ts `SwapChain`): no listing of the vacancy exists.
 */
import { COUNTERS as K } from './scopes';
import { homeScopes, isTypology, obj, str, type Count, type Item, type ListingFacts } from './item';

export interface ChainPart {
  /** The vacancy as a destination: its place and size, nobody living there. */
  vacancy: ListingFacts;
  released: Pick<ListingFacts, 'communeCode' | 'quartierId'>;
}

export function chainPartOf(item: Item): ChainPart | undefined {
  const chain = obj(item.chain);
  const vacancy = obj(chain?.vacancy);
  const released = obj(chain?.released);
  const id = str(chain?.vacancyId);
  const communeCode = str(vacancy?.communeCode);
  const quartierId = str(vacancy?.quartierId);
  const typology = vacancy?.typology;
  const releasedCommune = str(released?.communeCode);
  const releasedQuartier = str(released?.quartierId);
  if (
    !id ||
    !communeCode ||
    !quartierId ||
    !isTypology(typology) ||
    !releasedCommune ||
    !releasedQuartier
  )
    return undefined;
  return {
    vacancy: {
      id,
      communeCode,
      quartierId,
      typology,
      surface: Number(vacancy?.surface ?? 0),
      adults: 0,
      children: 0,
    },
    released: { communeCode: releasedCommune, quartierId: releasedQuartier },
  };
}

/** Each household moved through the chain, where it arrived; the dwelling released, where it stands. */
export function chainCounts(
  chain: ChainPart,
  destinations: ReadonlyArray<Pick<ListingFacts, 'communeCode' | 'quartierId'>>,
): Count[] {
  return [
    ...destinations.flatMap((d) => homeScopes(d).map((s): Count => [s, K.chainMoves, 1])),
    ...homeScopes(chain.released).map((s): Count => [s, K.dwellingsReleased, 1]),
  ];
}

/** "Pourquoi cette proposition ?" for a chain: what each mover would receive, in French. */
import type { ChainRecord, VacancyCandidate } from './chains';
import { vacancyAsCandidate } from './chains';
import { isOverOccupied, isUnderOccupied } from './occupancy';
import type { Explanation, MatchCandidate, PlaceNames } from './types';

const euros = (amount: number) => `${Math.round(amount)} €`;

/** Why a chain is offered, in the words of each mover. */
export function chainReason(chain: Pick<ChainRecord, 'size'>): string {
  return chain.size === 1
    ? 'chaîne de mutation : un logement vacant de votre bailleur social vous est proposé, et votre logement actuel lui revient'
    : `chaîne de mutation : un logement vacant permet à ${chain.size} foyers de déménager, chacun dans le logement du précédent`;
}

/** The explanation of each mover's move, keyed by listing id. */
export function explainChain(
  chain: ChainRecord,
  vacancy: VacancyCandidate,
  movers: readonly MatchCandidate[],
  names: PlaceNames,
): Record<string, Explanation> {
  const explanations: Record<string, Explanation> = {};
  movers.forEach((mover, i) => {
    const home = i === 0 ? vacancyAsCandidate(vacancy) : (movers[i - 1] as MatchCandidate);
    explanations[mover.id] = explainChainMove(mover, home, names, chain);
  });
  return explanations;
}

function explainChainMove(
  mover: MatchCandidate,
  home: MatchCandidate,
  names: PlaceNames,
  chain: ChainRecord,
): Explanation {
  const d = home.dwelling;
  const total = d.rent + d.charges;
  const gain = Math.round(d.surface - mover.dwelling.surface);
  const surface =
    gain > 0 ? `${gain} m² de plus` : gain < 0 ? `${-gain} m² de moins` : 'même surface';
  const summary = `${d.typology} à ${names.quartierName(d.quartierId)} (${names.communeName(d.communeCode)}), ${euros(total)} charges comprises, ${surface}`;
  const reasons: string[] = [];
  if (mover.wishes.quartiers.length > 0) reasons.push('dans un quartier que vous avez choisi');
  const saving = Math.round(mover.dwelling.rent + mover.dwelling.charges - total);
  if (saving > 0) reasons.push(`${euros(saving)} de moins par mois qu’aujourd’hui`);
  else if (mover.wishes.maxTotalRent !== undefined)
    reasons.push(
      `dans votre budget (${euros(mover.wishes.maxTotalRent - total)} sous votre maximum)`,
    );
  if (mover.wishes.needs.accessible) reasons.push('accessible aux personnes à mobilité réduite');
  if (isOverOccupied(mover.household, mover.dwelling)) reasons.push('résout votre sur-occupation');
  if (isUnderOccupied(mover.household, d))
    reasons.push(
      'logement plus grand que les besoins de votre foyer (sous-occupation signalée au bailleur)',
    );
  reasons.push(chainReason(chain));
  return { summary, reasons };
}

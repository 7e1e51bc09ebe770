/**
 * How a vacant dwelling and its chains read on the lessor's page and on Armos's pipeline: one
 * wording for both, so that a lessor and Armos describe the same chain the same way.
 */
import type { ReferenceNames } from '$lib/services/reference';
import type { Vacancy } from '$lib/services/vacancies';

type Chain = NonNullable<Vacancy['chains']>['chains'][number];
type Names = Pick<ReferenceNames, 'quartier' | 'commune'>;

export const longDates = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeZone: 'Indian/Reunion',
});

/** "T4 de 85 m² à La Montagne (Saint-Denis)". */
export function vacancyTitle(vacancy: Pick<Vacancy, 'dwelling'>, names: Names): string {
  const { typology, surface, quartierId, communeCode } = vacancy.dwelling;
  return `${typology} de ${surface} m² à ${names.quartier(quartierId)} (${names.commune(communeCode)})`;
}

export const householdsWouldMove = (count: number) =>
  count > 1 ? `${count} foyers déménageraient` : 'un foyer déménagerait';

/** Who moves, in move order, and the dwelling that returns to its lessor. */
export function chainSentence(chain: Pick<Chain, 'movers' | 'moves'>, names: Names): string {
  const moves = chain.moves
    .map(
      (move, index) =>
        `${index === 0 ? 'le foyer du' : 'puis celui du'} ${move.from.typology} à ${names.quartier(move.from.quartierId)}`,
    )
    .join(', ');
  return `${householdsWouldMove(chain.movers)} : ${moves} ; le ${chain.moves.at(-1)?.from.typology} libéré revient à son bailleur.`;
}

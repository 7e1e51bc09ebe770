import { describe, expect, it } from 'vitest';
import { chainSentence, householdsWouldMove, vacancyTitle } from './vacancy-text';

const names = {
  quartier: (id: string) => ({ '97411-prima': 'Prima', '97411-la-source': 'La Source' })[id] ?? id,
  commune: (code: string) => (code === '97411' ? 'Saint-Denis' : code),
};

describe('vacancy wording', () => {
  it('names the dwelling by typology, surface, quartier and commune', () => {
    const dwelling = {
      typology: 'T4',
      surface: 85,
      quartierId: '97411-prima',
      communeCode: '97411',
    };

    expect(vacancyTitle({ dwelling } as never, names)).toBe('T4 de 85 m² à Prima (Saint-Denis)');
  });

  it('counts households in the singular and the plural', () => {
    expect(householdsWouldMove(1)).toBe('un foyer déménagerait');
    expect(householdsWouldMove(3)).toBe('3 foyers déménageraient');
  });

  it('tells the moves in order, then the dwelling returned to its lessor', () => {
    const from = (typology: string, quartierId: string) => ({
      from: { typology, quartierId, communeCode: '97411' },
    });
    const chain = { movers: 2, moves: [from('T3', '97411-prima'), from('T2', '97411-la-source')] };

    expect(chainSentence(chain as never, names)).toBe(
      '2 foyers déménageraient : le foyer du T3 à Prima, puis celui du T2 à La Source ; le T2 libéré revient à son bailleur.',
    );
  });
});

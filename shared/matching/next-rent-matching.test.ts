/** Matching compares the rent after the swap with the other side's maximum (issue 19 item 7). */
import { describe, expect, it } from 'vitest';
import { accepts, failedRules } from './accepts';
import { makeCandidate } from './candidate-factory';
import { acceptsWithinBucket, compileListing, Interner } from './compiled';
import { MatchingIndex } from './market-index';
import type { MatchCandidate } from './types';
import { placeNamesFrom } from './types';

const names = placeNamesFrom({
  communes: [{ code: '97411', name: 'Saint-Denis' }],
  quartiers: [{ id: '97411-sainte-clotilde', name: 'Sainte-Clotilde' }],
});

function indexOf(candidates: MatchCandidate[]): MatchingIndex {
  const index = new MatchingIndex(names);
  for (const candidate of candidates) index.upsert(candidate);
  return index;
}

describe('acceptance with the rent after the swap', () => {
  const mover = makeCandidate({ id: 'A', wishes: { maxTotalRent: 560 } });
  const today = { rent: 480, charges: 60 }; // 540 € today

  it('refuses a dwelling whose next rent exceeds the maximum though today’s fits', () => {
    const b = makeCandidate({ id: 'B', dwelling: today });
    const raised = { ...b, nextRent: 520, nextCharges: 60 }; // 580 € after the swap
    expect(accepts(mover, b)).toBe(true);
    expect(failedRules(mover, raised)).toEqual(['rent']);
  });

  it('accepts a dwelling whose next rent fits though today’s exceeds the maximum', () => {
    const b = {
      ...makeCandidate({ id: 'B', dwelling: { rent: 540, charges: 60 } }),
      nextRent: 470,
    };
    expect(accepts(mover, b)).toBe(true);
  });

  it('agrees with the compiled form the index uses', () => {
    const interner = new Interner();
    const a = compileListing(mover, interner);
    for (const nextRent of [undefined, 400, 500, 520, 600]) {
      const b = { ...makeCandidate({ id: 'B', dwelling: today }), nextRent };
      expect(acceptsWithinBucket(a, compileListing(b, interner))).toBe(accepts(mover, b));
    }
  });
});

describe('proposals with the rent after the swap', () => {
  const a = makeCandidate({
    id: 'A',
    dwelling: { rent: 450, charges: 60 },
    wishes: { maxTotalRent: 600 },
  });
  const b = makeCandidate({ id: 'B', dwelling: { rent: 480, charges: 60 } });

  it('disappear when a verification raises the rent past the maximum, and come back when lowered', () => {
    const index = indexOf([a, b]);
    expect(index.proposalsFor('A').count2).toBe(1);
    index.upsert({ ...b, nextRent: 600 });
    expect(index.proposalsFor('A').count2).toBe(0);
    index.upsert({ ...b, nextRent: 500 });
    expect(index.proposalsFor('A').count2).toBe(1);
  });

  it('show the rent after the swap and say when it differs from today’s', () => {
    const { proposals } = indexOf([a, { ...b, nextRent: 500, nextCharges: 70 }]).proposalsFor('A');
    const explanation = proposals[0]?.explanations.A;
    expect(explanation?.summary).toContain('570 € charges comprises');
    expect(explanation?.reasons).toContain(
      'loyer après échange fixé par le bailleur : 570 € charges comprises (le locataire actuel paie 540 €)',
    );
    // B moves into A's dwelling, whose rent is unchanged: nothing to say.
    expect(proposals[0]?.explanations.B?.reasons.join(' ')).not.toContain('loyer après échange');
  });
});

import { describe, expect, it } from 'vitest';
import { factsOf } from './facts';
import type { ListingFacts } from './item';
import { COUNTERS, scopes } from './scopes';

const dwellings = new Map<string, ListingFacts>([
  [
    'L1',
    {
      id: 'L1',
      communeCode: '97420',
      quartierId: '97420-bagatelle',
      typology: 'T2',
      surface: 45,
      adults: 2,
      children: 1,
      publishedAt: '2026-01-05T10:00:00.000Z',
    },
  ],
  [
    'L2',
    {
      id: 'L2',
      communeCode: '97411',
      quartierId: '97411-le-chaudron',
      typology: 'T4',
      surface: 80,
      adults: 1,
      children: 0,
      publishedAt: '2026-01-06T10:00:00.000Z',
    },
  ],
]);
const match = (extra: Record<string, unknown>) => ({
  entity: 'Match',
  id: 'M1',
  kind: '2-way',
  listingIds: ['L1', 'L2'],
  createdAt: '2026-02-01T10:00:00.000Z',
  ...extra,
});

describe('visites sans suite', () => {
  it('counts a proposal declined after a visit, in the month it was declined, at each participant’s places', () => {
    const facts = factsOf(
      match({ status: 'declined', declinedAfterVisitAt: '2026-03-10T09:00:00.000Z' }),
      (id) => dwellings.get(id),
    );

    const visits = facts.filter((fact) => fact.type === 'visit_without_follow_up');
    expect(visits).toHaveLength(1);
    expect(visits[0]!.month).toBe('2026-03');
    const counted = visits[0]!.counts
      .filter(([, counter, amount]) => counter === COUNTERS.visitsWithoutFollowUp && amount === 1)
      .map(([scope]) => scope);
    expect(counted).toEqual(
      expect.arrayContaining([
        scopes.cinor(),
        scopes.quartier('97420-bagatelle'),
        scopes.quartier('97411-le-chaudron'),
        scopes.commune('97420'),
      ]),
    );
  });

  it('does not count a proposal declined without a visit, nor a mutual one', () => {
    expect(
      factsOf(match({ status: 'declined' }), (id) => dwellings.get(id)).some(
        (fact) => fact.type === 'visit_without_follow_up',
      ),
    ).toBe(false);
    expect(
      factsOf(match({ status: 'mutual' }), (id) => dwellings.get(id)).some(
        (fact) => fact.type === 'visit_without_follow_up',
      ),
    ).toBe(false);
  });
});

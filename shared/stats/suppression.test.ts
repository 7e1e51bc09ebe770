import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedReferenceData } from '../reference/index';
import type { Figure } from '../schemas/stats';
import { confidentialPublication } from './confidential';
import { rebuildCells } from './events';
import { aggregatesOf } from './indicators';
import { listingFactsOf, type Item, type ListingFacts } from './item';
import { allowedPeriodsOf, isAllowedPeriod, monthsBetween } from './period';
import {
  cellId,
  cellsOfPublication,
  exactPublication,
  parseCellId,
  periodId,
  type Publication,
} from './publication';
import { CINOR_SCOPE, scopes } from './scopes';
import { suppressionPattern } from './suppression';

type Highs = {
  solve(
    problem: string,
    options?: Record<string, unknown>,
  ): { Status: string; ObjectiveValue: number };
};

const QUARTIERS = [
  ['97411', '97411-centre-ville'],
  ['97411', '97411-la-source'],
  ['97411', '97411-bellepierre'],
  ['97418', '97418-beausejour'],
  ['97418', '97418-centre-ville'],
  ['97420', '97420-bagatelle'],
] as const;
const MOTIVES = ['work', 'health_disability', 'over_occupation', 'family_change'];
const day = (month: number, d: number) =>
  `2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}T08:00:00.000Z`;

/** A small market of one year: listings, a few completed swaps between them, matches and refusals. */
const market = fc
  .record({
    listings: fc.array(
      fc.record({
        quartier: fc.nat(QUARTIERS.length - 1),
        month: fc.integer({ min: 1, max: 12 }),
        typology: fc.constantFrom('T2', 'T3', 'T4'),
        motive: fc.constantFrom(...MOTIVES),
        left: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
      }),
      { minLength: 4, maxLength: 30 },
    ),
    swaps: fc.array(
      fc.record({
        a: fc.nat(),
        b: fc.nat(),
        month: fc.integer({ min: 1, max: 12 }),
        refused: fc.boolean(),
      }),
      { maxLength: 6 },
    ),
    matches: fc.array(
      fc.record({ a: fc.nat(), b: fc.nat(), month: fc.integer({ min: 1, max: 12 }) }),
      { maxLength: 8 },
    ),
  })
  .map(({ listings, swaps, matches }) => {
    const items: Item[] = listings.map((l, i) => {
      const [communeCode, quartierId] = QUARTIERS[l.quartier]!;
      const left = l.left !== undefined && l.left >= l.month ? day(l.left, 20) : undefined;
      return {
        entity: 'Listing',
        id: `L${i}`,
        status: left ? 'withdrawn' : 'published',
        motive: l.motive,
        publishedAt: day(l.month, 3),
        updatedAt: left ?? day(l.month, 3),
        dwelling: { communeCode, quartierId, typology: l.typology, surface: 60 },
        household: { adults: 2, children: 1 },
        wishes: { communes: [communeCode], quartiers: [], typologies: ['T3'] },
      };
    });
    const pair = (a: number, b: number) =>
      [
        `L${a % listings.length}`,
        `L${(a + 1 + (b % (listings.length - 1))) % listings.length}`,
      ] as const;
    swaps.forEach((s, i) => {
      const [x, y] = pair(s.a, s.b);
      items.push({
        entity: 'Swap',
        id: `S${i}`,
        status: s.refused ? 'refused' : 'completed',
        createdAt: day(s.month, 1),
        updatedAt: day(s.month, 25),
        refusedAt: s.refused ? day(s.month, 10) : undefined,
        approvedAt: s.refused ? undefined : day(s.month, 10),
        effectiveDate: s.refused ? undefined : day(s.month, 25),
        participants: [
          { listingId: x, movesInto: y },
          { listingId: y, movesInto: x },
        ],
      });
    });
    matches.forEach((m, i) =>
      items.push({
        entity: 'Match',
        id: `M${i}`,
        kind: '2-way',
        status: 'proposed',
        listingIds: [...pair(m.a, m.b)],
        createdAt: day(m.month, 5),
      }),
    );
    return items;
  });

function yearPublications(items: Item[]): Publication[] {
  const dwellings = new Map(
    items
      .map((item) => (item.entity === 'Listing' ? listingFactsOf(item) : undefined))
      .filter((f): f is ListingFacts => !!f)
      .map((f) => [f.id, f]),
  );
  const aggregates = aggregatesOf(rebuildCells(items, (id) => dwellings.get(id)));
  return allowedPeriodsOf(2026).map((period) =>
    exactPublication(aggregates, seedReferenceData, period),
  );
}

const ADDITIVE =
  /^(activeListings|newListings|offeredByTypology\..*|motives\..*|movesIn|movesOut|overOccupationResolved|underOccupationResolved|chainMoves|dwellingsReleased)$/;

/**
 * What someone holding every CINOR response of the year can write down: the published sums
 * (commune = its quartiers, CINOR = its communes, a quarter = its months…, a row's new listings =
 * its typologies = its motives, a quartier's departures and arrivals = its flows), each masked cell
 * an unknown.
 */
function publishedEquations(responses: Publication[]): {
  equations: Array<Map<string, number>>;
  known: Map<string, number>;
  masked: Set<string>;
} {
  const known = new Map<string, number>();
  const masked = new Set<string>();
  const fields = new Set<string>();
  for (const response of responses) {
    for (const [id, figure] of cellsOfPublication(response)) {
      fields.add(parseCellId(id).field);
      if (typeof figure === 'number') known.set(id, figure);
      else masked.add(id);
    }
  }
  const equations: Array<Map<string, number>> = [];
  /** total − Σ parts = 0 */
  const sum = (total: string, parts: string[]) => {
    const terms = new Map<string, number>([[total, 1]]);
    for (const part of parts) terms.set(part, (terms.get(part) ?? 0) - 1);
    equations.push(terms);
  };
  const communes = [
    ...new Set(QUARTIERS.map(([c]) => c)),
    ...seedReferenceData.communes.map((c) => c.code),
  ];
  const quartiersOf = (commune: string) =>
    seedReferenceData.quartiers
      .filter((q) => q.communeCode === commune)
      .map((q) => scopes.quartier(q.id));
  const flowScopes = [
    ...new Set(
      [...known.keys(), ...masked]
        .map((id) => parseCellId(id).scope)
        .filter((s) => s.startsWith('F#')),
    ),
  ];
  const allScopes = [CINOR_SCOPE, ...new Set(communes)]
    .map((c) => (c === CINOR_SCOPE ? c : scopes.commune(c)))
    .concat(
      seedReferenceData.quartiers.map((q) => scopes.quartier(q.id)),
      flowScopes,
    );
  for (const response of responses) {
    const { period } = response;
    for (const field of fields) {
      if (!ADDITIVE.test(field)) continue;
      for (const commune of new Set(communes))
        sum(
          cellId(period, scopes.commune(commune), field),
          quartiersOf(commune).map((q) => cellId(period, q, field)),
        );
      sum(
        cellId(period, CINOR_SCOPE, field),
        [...new Set(communes)].map((c) => cellId(period, scopes.commune(c), field)),
      );
    }
    for (const scope of allScopes.filter((s) => !s.startsWith('F#'))) {
      const inRow = [...fields].filter(
        (f) => known.has(cellId(period, scope, f)) || masked.has(cellId(period, scope, f)),
      );
      sum(
        cellId(period, scope, 'newListings'),
        inRow
          .filter((f) => f.startsWith('offeredByTypology.'))
          .map((f) => cellId(period, scope, f)),
      );
      sum(
        cellId(period, scope, 'newListings'),
        inRow.filter((f) => f.startsWith('motives.')).map((f) => cellId(period, scope, f)),
      );
    }
    for (const q of seedReferenceData.quartiers) {
      const out = flowScopes.filter((s) => s.startsWith(`F#${q.id}#`));
      const into = flowScopes.filter((s) => s.endsWith(`#${q.id}`));
      sum(
        cellId(period, scopes.quartier(q.id), 'movesOut'),
        out.map((s) => cellId(period, s, 'moves')),
      );
      sum(
        cellId(period, scopes.quartier(q.id), 'movesIn'),
        into.map((s) => cellId(period, s, 'moves')),
      );
    }
  }
  const periods = allowedPeriodsOf(2026);
  const childrenOf = (p: { from: string; to: string }) => {
    const size = monthsBetween(p.from, p.to).length;
    const childSize = { 3: 1, 6: 3, 12: 6 }[size];
    return childSize
      ? periods.filter(
          (c) =>
            monthsBetween(c.from, c.to).length === childSize && c.from >= p.from && c.to <= p.to,
        )
      : [];
  };
  for (const parent of periods) {
    const children = childrenOf(parent);
    if (children.length === 0) continue;
    for (const scope of allScopes)
      for (const field of fields)
        if (field !== 'activeListings')
          sum(
            cellId(parent, scope, field),
            children.map((c) => cellId(c, scope, field)),
          );
  }
  return { equations, known, masked };
}

/** The smallest and largest value a masked cell can take given the published equations (LP relaxation, x ≥ 0). */
function intervals(
  highs: Highs,
  responses: Publication[],
  cells: string[],
): Map<string, [number, number]> {
  const { equations, known, masked } = publishedEquations(responses);
  const names = new Map([...masked].map((id, i) => [id, `x${i}`]));
  const rows: string[] = [];
  equations.forEach((terms, i) => {
    let constant = 0;
    const variables: string[] = [];
    for (const [id, coefficient] of terms) {
      if (coefficient === 0) continue;
      const name = names.get(id);
      if (name) variables.push(`${coefficient > 0 ? '+' : '-'} ${Math.abs(coefficient)} ${name}`);
      else constant += coefficient * (known.get(id) ?? 0);
    }
    // An equation between published figures only must hold: else the model above is wrong.
    if (variables.length === 0)
      expect(constant, `published sum ${[...terms.keys()].join(' ')}`).toBe(0);
    else rows.push(` c${i}: ${variables.join(' ')} = ${-constant}`);
  });
  const result = new Map<string, [number, number]>();
  for (const id of cells) {
    const bound = (sense: 'Minimize' | 'Maximize') => {
      const solution = highs.solve(
        `${sense}\n obj: ${names.get(id)}\nSubject To\n${rows.join('\n')}\nBounds\n${[...names.values()].map((n) => ` ${n} >= 0`).join('\n')}\nEnd\n`,
        { output_flag: false },
      );
      return solution.Status === 'Unbounded' ? Infinity : solution.ObjectiveValue;
    };
    result.set(id, [bound('Minimize'), bound('Maximize')]);
  }
  return result;
}

describe('complementary suppression for CINOR', () => {
  it('leaves every masked cell of a year’s responses undetermined by their published sums', async () => {
    const highs = (await (await import('highs')).default()) as unknown as Highs;
    fc.assert(
      fc.property(market, fc.nat(), (items, pick) => {
        // Prepare
        const exact = yearPublications(items);
        const pattern = suppressionPattern(exact);

        // Act
        const responses = exact.map((publication) => confidentialPublication(publication, pattern));

        // Assess: every masked cell (a sample of 40 per market) can take at least two values.
        const values = new Map(exact.flatMap((p) => [...cellsOfPublication(p)]));
        const masked = [
          ...new Set(
            responses.flatMap((r) =>
              [...cellsOfPublication(r)].filter(([, f]) => typeof f === 'string').map(([id]) => id),
            ),
          ),
        ];
        const sample = masked.filter(
          (_, i) => masked.length <= 40 || (i * 7919 + pick) % masked.length < 40,
        );
        for (const [id, [min, max]] of intervals(highs, responses, sample)) {
          const truth = Number(values.get(id) ?? 0);
          expect(min, id).toBeLessThanOrEqual(truth + 1e-6);
          expect(max, id).toBeGreaterThanOrEqual(truth - 1e-6);
          expect(max - min, `${id} = ${truth} ∈ [${min}, ${max}]`).toBeGreaterThanOrEqual(1 - 1e-6);
        }
      }),
      { numRuns: 8 },
    );
  }, 120_000);

  it('masks quartier counts 1–4 as "< 5", the others that would give them away as "secret", and flows by name', () => {
    const items: Item[] = [0, 0, 0, 1, 1, 1, 1, 1, 1].map((q, i) => ({
      entity: 'Listing',
      id: `L${i}`,
      status: 'published',
      motive: i === 0 ? 'health_disability' : 'over_occupation',
      publishedAt: day(3, 2),
      updatedAt: day(3, 2),
      dwelling: {
        communeCode: QUARTIERS[q]![0],
        quartierId: QUARTIERS[q]![1],
        typology: 'T3',
        surface: 60,
      },
      household: { adults: 1, children: 0 },
      wishes: { communes: [], quartiers: [], typologies: [] },
    }));
    const exact = yearPublications(items);
    const pattern = suppressionPattern(exact);
    const march = confidentialPublication(
      exact.find((p) => periodId(p.period) === '2026-03/2026-03')!,
      pattern,
    );
    const centre = march.quartiers.find((r) => r.quartierId === '97411-centre-ville')!;
    const saintDenis = march.communes.find((r) => r.communeCode === '97411')!;
    const figures: Figure[] = [
      centre.newListings,
      centre.motives.health_disability!,
      centre.motives.over_occupation!,
    ];

    expect(figures).toEqual(['< 5', '< 5', '< 5']);
    // Its partner quartier is masked too, and the commune total does not give the pair away alone.
    expect(
      march.quartiers.filter((r) => r.newListings === '< 5' || r.newListings === 'secret').length,
    ).toBeGreaterThanOrEqual(2);
    expect(saintDenis.newListings).toBe(9);
  });

  it('accepts only calendar months, quarters, semesters and years', () => {
    expect(allowedPeriodsOf(2026)).toHaveLength(19);
    expect(
      ['2026-01/2026-01', '2026-04/2026-06', '2026-07/2026-12', '2026-01/2026-12'].every((p) =>
        isAllowedPeriod({ from: p.slice(0, 7), to: p.slice(8) }),
      ),
    ).toBe(true);
    expect(
      ['2026-02/2026-04', '2026-01/2026-02', '2026-06/2026-11', '2025-12/2026-11'].some((p) =>
        isAllowedPeriod({ from: p.slice(0, 7), to: p.slice(8) }),
      ),
    ).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { namesOf } from '$lib/services/reference';
import type { SwapReviewView, SwapView } from '$lib/services/swaps';
import {
  ceilingText,
  chainSteps,
  decisionText,
  formatDay,
  householdText,
  moveSentence,
  nextStep,
  stepsOf,
} from './swap-text';

const names = namesOf({
  communes: [{ code: '97418', name: 'Sainte-Marie' }],
  quartiers: [
    { id: 'cv', communeCode: '97418', name: 'Centre-ville' },
    { id: 'bs', communeCode: '97418', name: 'Beauséjour' },
    { id: 'rp', communeCode: '97418', name: 'Rivière-des-Pluies' },
  ],
  lessors: [{ id: 'SIDR', name: 'SIDR' }],
  typologies: [],
  financings: [],
  motives: [],
  receptionPoints: [],
});

function dwelling(typology: 'T2' | 'T3' | 'T5', quartierId: string) {
  return {
    lessorId: 'SIDR',
    communeCode: '97418',
    quartierId,
    typology,
    surface: 60,
    rent: 400,
    charges: 50,
    floor: 1,
    lift: false,
    accessible: false,
    financing: 'LLS' as const,
    features: [],
  };
}

const DUE = '2026-01-12T08:00:00.000Z';

function review(
  listingId: string,
  incomingListingId: string,
  overrides: Partial<SwapReviewView> = {},
): SwapReviewView {
  return {
    listingId,
    lessorId: 'SIDR',
    incomingListingId,
    decision: 'pending',
    dueAt: DUE,
    overdue: false,
    ...overrides,
  };
}

/** A (me) → B's T5 Beauséjour → C's T2 Rivière-des-Pluies → A's T3 Centre-ville. */
function swap(overrides: Partial<SwapView> = {}): SwapView {
  return {
    id: 's1',
    matchId: 'm1',
    kind: '3-way',
    status: 'awaiting_confirmations',
    requestedBy: 'A',
    participants: [
      {
        listingId: 'A',
        isMe: true,
        confirmed: true,
        movesInto: 'B',
        dwelling: dwelling('T3', 'cv'),
      },
      {
        listingId: 'B',
        isMe: false,
        confirmed: false,
        movesInto: 'C',
        dwelling: dwelling('T5', 'bs'),
      },
      {
        listingId: 'C',
        isMe: false,
        confirmed: false,
        movesInto: 'A',
        dwelling: dwelling('T2', 'rp'),
      },
    ],
    reviews: [],
    lessorIds: ['SIDR'],
    actions: { confirm: false, cancel: true, review: [], complete: false, file: false },
    createdAt: '2025-12-01T08:00:00.000Z',
    updatedAt: '2025-12-01T08:00:00.000Z',
    ...overrides,
  };
}

describe('swap wording', () => {
  it('says how many confirmations are missing, and whether one is mine', () => {
    expect(nextStep(swap(), names, false)).toMatch(
      /^En attente de la confirmation de 2 participants\. /,
    );
    const mine = swap({
      actions: { confirm: true, cancel: true, review: [], complete: false, file: false },
    });
    expect(nextStep(mine, names, false)).toMatch(
      /^En attente de la confirmation de 2 participants, dont la vôtre/,
    );
  });

  it('names the tenant’s future lessor and its deadline while under review', () => {
    const reviews = [
      review('B', 'A'),
      review('C', 'B', { decision: 'approved' }),
      review('A', 'C'),
    ];
    const underReview = swap({ status: 'under_review', reviews });
    expect(nextStep(underReview, names, false)).toBe(
      'Votre futur bailleur (SIDR) examine votre dossier : réponse attendue avant le 12 janvier 2026.',
    );
    const asked = swap({
      status: 'under_review',
      reviews: [
        review('B', 'A', { decision: 'documents_requested', comment: 'Avis d’imposition' }),
      ],
    });
    expect(nextStep(asked, names, false)).toContain('demande des pièces : « Avis d’imposition »');
    const staff = swap({
      status: 'under_review',
      reviews,
      actions: { confirm: false, cancel: false, review: ['B', 'A'], complete: false, file: true },
    });
    expect(nextStep(staff, names, true)).toBe(
      '2 dossiers attendent votre décision : réponse attendue avant le 12 janvier 2026.',
    );
  });

  it('says who moves where, "vous" for the tenant and households for staff', () => {
    const s = swap();
    expect(moveSentence(s, review('B', 'A'), names, false)).toBe(
      'Vous emménagez dans le T5 Beauséjour',
    );
    expect(moveSentence(s, review('A', 'C'), names, false)).toBe(
      'Participant 3 emménage dans votre logement (T3 Centre-ville)',
    );
    const staffView = swap({ participants: s.participants.map((p) => ({ ...p, isMe: false })) });
    expect(moveSentence(staffView, review('C', 'B'), names, true)).toBe(
      'Foyer 2 emménage dans le T2 Rivière-des-Pluies du foyer 3',
    );
  });

  it('draws a chain in move order: the vacancy first, each move, the dwelling released and its date', () => {
    // Prepare: the vacant T5 Beauséjour; A (me, T3 Centre-ville) enters it, C (T2) enters A's home
    const base = swap();
    const chain = swap({
      kind: 'chain',
      participants: [
        { ...base.participants[0]!, movesInto: 'V' },
        { ...base.participants[2]!, movesInto: 'A' },
      ],
      chain: {
        vacancyId: 'V',
        vacancyLessorId: 'SIDR',
        vacancy: dwelling('T5', 'bs'),
        released: {
          listingId: 'C',
          lessorId: 'SIDR',
          communeCode: '97418',
          quartierId: 'rp',
          typology: 'T2',
        },
      },
    });

    // Act
    const seenByMe = chainSteps(chain, names, false);
    const completed = chainSteps(
      {
        ...chain,
        chain: { ...chain.chain!, released: { ...chain.chain!.released, freeFrom: '2026-05-04' } },
      },
      names,
      true,
    );

    // Assess
    expect(seenByMe).toEqual([
      'Logement vacant : T5 Beauséjour, 60 m² (SIDR), proposé à la mutation par son bailleur.',
      'Vous quittez le T3 Centre-ville pour le logement vacant.',
      'Participant 2 quitte le T2 Rivière-des-Pluies pour votre logement.',
      'Logement libéré : le T2 Rivière-des-Pluies revient à son bailleur, libre à la date d’effet de l’échange.',
    ]);
    expect(completed.at(-1)).toBe(
      'Logement libéré : le T2 Rivière-des-Pluies (SIDR) revient à son bailleur, libre le 4 mai 2026.',
    );
    expect(moveSentence(chain, review('V', 'A'), names, false)).toBe(
      'Vous emménagez dans le logement vacant T5 Beauséjour',
    );
  });

  it('lays out the timeline: the step in progress, or where the swap stopped', () => {
    expect(stepsOf(swap()).map((s) => s.state)).toEqual([
      'done',
      'current',
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
    expect(stepsOf(swap({ status: 'approved', approvedAt: DUE })).map((s) => s.state)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'current',
    ]);
    expect(stepsOf(swap({ status: 'refused' })).map((s) => s.state)).toEqual([
      'done',
      'done',
      'done',
      'stopped',
      'skipped',
    ]);
    expect(stepsOf(swap({ status: 'cancelled' })).map((s) => s.state)).toEqual([
      'done',
      'stopped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(
      stepsOf(swap({ status: 'completed', effectiveDate: '2026-02-01' })).every(
        (s) => s.state === 'done',
      ),
    ).toBe(true);
    expect(nextStep(swap({ status: 'completed', effectiveDate: '2026-02-01' }), names, false)).toBe(
      'Échange réalisé : emménagement le 1 février 2026.',
    );
  });

  it('writes decisions, households and the income-ceiling pre-check', () => {
    expect(decisionText(review('B', 'A', { decision: 'refused', reason: 'incomplete_file' }))).toBe(
      'Refusé : Dossier incomplet',
    );
    expect(householdText({ adults: 2, children: 1, occupants: 3 })).toBe(
      '2 adultes, 1 enfant : 3 occupants',
    );
    expect(householdText({ adults: 1, children: 0, occupants: 1 })).toBe(
      '1 adulte, sans enfant : 1 occupant',
    );
    expect(ceilingText({ status: 'not_configured' }, 'LLS')).toEqual({
      text: 'Plafonds de ressources non configurés pour cette année : vérification à faire dans votre outil',
      warn: true,
    });
    expect(
      ceilingText({ status: 'below', year: 2026, ceiling: 25_000, income: 18_000 }, 'LLS').warn,
    ).toBe(false);
    expect(formatDay('2026-01-15')).toBe('15 janvier 2026');
  });
});

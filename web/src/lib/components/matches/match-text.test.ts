import { describe, expect, it } from 'vitest';
import type { MatchView } from '$lib/services/matches';
import { namesOf } from '$lib/services/reference';
import {
  chainArrows,
  chainOf,
  countsSentence,
  keepMatch,
  noMatchAdvice,
  wantersSentence,
} from './match-text';

const names = namesOf({
  communes: [{ code: '97411', name: 'Saint-Denis' }],
  quartiers: [
    { id: 'bellepierre', communeCode: '97411', name: 'Bellepierre' },
    { id: 'le-butor', communeCode: '97411', name: 'Le Butor' },
    { id: 'vauban', communeCode: '97411', name: 'Vauban' },
  ],
  lessors: [],
  typologies: [],
  financings: [],
  motives: [],
  receptionPoints: [],
});

function home(typology: 'T2' | 'T3' | 'T4', quartierId: string) {
  return {
    lessorId: 'SIDR',
    communeCode: '97411',
    quartierId,
    typology,
    surface: 60,
    rent: 400,
    charges: 50,
    nextTotalRent: 450,
    floor: 1,
    lift: false,
    accessible: false,
    financing: 'LLS' as const,
    features: [],
  };
}

function threeWay(overrides: Partial<MatchView> = {}): MatchView {
  return {
    id: 'm1',
    kind: '3-way',
    status: 'proposed',
    score: 1,
    recommended: false,
    explanation: { summary: 'T4 à Bellepierre', reasons: [] },
    createdAt: '2026-11-28T00:00:00Z',
    contactsOpen: false,
    // Cycle order: each participant receives the next one's dwelling; "me" is second here.
    participants: [
      {
        listingId: 'c',
        isMe: false,
        interest: 'yes',
        verified: true,
        receives: home('T3', 'vauban'),
      },
      {
        listingId: 'a',
        isMe: true,
        interest: 'pending',
        verified: true,
        receives: home('T4', 'bellepierre'),
      },
      {
        listingId: 'b',
        isMe: false,
        interest: 'pending',
        verified: true,
        receives: home('T2', 'le-butor'),
      },
    ],
    ...overrides,
  };
}

describe('counts', () => {
  it('formats large counts the French way and says how many are shown', () => {
    // Every 2-way, the best 50 3-ways, and one answered further down.
    expect(countsSentence({ count2: 37, count3: 2140, stored: 88 })).toBe(
      '37 échanges directs et 2\u202f140 échanges à trois possibles : en voici 88, les meilleurs d’abord.',
    );
    expect(countsSentence({ count2: 0, count3: 1, stored: 1 })).toBe(
      'Aucun échange direct et 1 échange à trois possible : la voici.',
    );
    expect(wantersSentence(1)).toBe('1 annonce voudrait votre logement.');
    expect(wantersSentence(1200)).toBe('1\u202f200 annonces voudraient votre logement.');
  });
});

describe('chain of homes', () => {
  it('starts from my home and follows the moves round the cycle', () => {
    expect(chainArrows(chainOf(threeWay(), names))).toBe(
      'vous → T4 Bellepierre → T2 Le Butor → vous',
    );
  });
});

describe('filters', () => {
  it('keeps proposals waiting for my answer, and those where everyone said yes', () => {
    expect(keepMatch(threeWay(), 'awaiting-me')).toBe(true);
    expect(keepMatch(threeWay({ status: 'suspended' }), 'awaiting-me')).toBe(false);
    expect(keepMatch(threeWay({ status: 'mutual' }), 'mutual')).toBe(true);
  });
});

describe('advice when there is no proposal', () => {
  const counts = {
    listingId: 'a',
    count2: 0,
    count3: 0,
    stored: 0,
    awaitingMe: 0,
    mutual: 0,
    widen: [],
  };

  it('suggests broadening the wishes only when others want my home', () => {
    expect(noMatchAdvice({ ...counts, wanters: 3 }, 'published')).toMatchObject({
      link: { href: '/mon-annonce/modifier' },
    });
    expect(noMatchAdvice({ ...counts, wanters: 3 }, 'published').text).toMatch(
      /^3 locataires veulent votre logement/,
    );
    expect(noMatchAdvice({ ...counts, wanters: 0 }, 'published').text).toMatch(
      /élargir vos souhaits ne suffirait donc pas/,
    );
  });

  it('sends to the listing when there is none or it is not published', () => {
    expect(noMatchAdvice(null, null).link?.href).toBe('/mon-annonce/nouvelle');
    expect(noMatchAdvice({ ...counts, wanters: 0 }, 'draft').link?.href).toBe('/mon-annonce');
  });
});

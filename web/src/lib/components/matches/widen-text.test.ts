import { describe, expect, it } from 'vitest';
import type { Reference } from '$lib/services/reference';
import { namesOf } from '$lib/services/reference';
import type { WidenView } from '$lib/services/widen';
import { widenActionLabel } from './widen-text';

const names = namesOf({
  communes: [{ code: '97418', name: 'Sainte-Marie' }],
  quartiers: [{ id: '97418-beausejour', name: 'Beauséjour', communeCode: '97418' }],
  lessors: [],
  motives: [],
} as unknown as Reference);

const label = (change: WidenView['change']) =>
  widenActionLabel({ change, more2: 1, more3: 0, text: '' }, names);

describe('widenActionLabel', () => {
  it('names the change each button makes, with the place names people know', () => {
    expect(label({ field: 'quartiers', value: '97418-beausejour' })).toBe(
      'Accepter aussi le quartier Beauséjour',
    );
    expect(label({ field: 'communes', value: '97418' })).toBe(
      'Accepter aussi la commune de Sainte-Marie',
    );
    expect(label({ field: 'typologies', value: 'T4' })).toBe('Accepter aussi un T4');
    expect(label({ field: 'maxTotalRent', value: 640 })).toBe(
      'Porter mon loyer maximum à 640\u00a0€',
    );
    expect(label({ field: 'minSurface', value: 52 })).toBe('Ramener ma surface minimum à 52 m²');
    expect(label({ field: 'needs', value: 'accessible' })).toBe(
      'Ne plus exiger un logement accessible PMR',
    );
  });
});

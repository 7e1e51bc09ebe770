import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayNameSchema } from './user';

describe('display names', () => {
  it('accepts names of La Réunion as people write them', () => {
    for (const name of [
      'Josiane Payet',
      'Marie-Josée Hoarau',
      'N’Guyen Thi',
      "D'Eaubonne",
      'Ah-Hot',
      'Ιωάννης',
      'Mme Grondin',
    ]) {
      expect(displayNameSchema.safeParse(name).success, name).toBe(true);
    }
    expect(displayNameSchema.parse('  Jean  ')).toBe('Jean');
  });

  it('refuses digits, punctuation, markup, links, line breaks and more than 60 characters', () => {
    for (const name of [
      'M. Técher',
      'Jean2',
      '<b>Jean</b>',
      'https://exemple.re',
      'Jean\nPaul',
      'Jean@exemple.re',
      "'",
      '-',
      'a'.repeat(61),
      '',
    ]) {
      expect(displayNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(false);
    }
  });

  it('never lets through a character outside letters, spaces, apostrophes and hyphens', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (name) => {
        const parsed = displayNameSchema.safeParse(name);
        if (parsed.success) expect(parsed.data).toMatch(/^[\p{L}\p{M} '’-]{1,60}$/u);
      }),
    );
  });
});

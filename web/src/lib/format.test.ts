import { describe, expect, it } from 'vitest';
import { formatEuros } from './format';

// Intl separates thousands and the sign with narrow no-break spaces; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatEuros', () => {
  it('writes whole euros without decimals, and cents with two', () => {
    expect(plain(formatEuros(620))).toBe('620 €');
    expect(plain(formatEuros(620.5))).toBe('620,50 €');
    expect(plain(formatEuros(523.45))).toBe('523,45 €');
    expect(plain(formatEuros(18_400))).toBe('18 400 €');
  });

  it('rounds a sum that floating point left a hair off to the cent', () => {
    expect(plain(formatEuros(480.1 + 60.2))).toBe('540,30 €');
  });
});

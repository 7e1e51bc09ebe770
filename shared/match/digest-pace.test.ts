import { describe, expect, it } from 'vitest';
import { digestDue } from './digest-pace';

const at = (iso: string) => new Date(iso);

describe('digestDue', () => {
  it('sends the first digest at once, unless the tenant chose never', () => {
    expect(digestDue('daily', undefined, at('2026-03-02T10:00:00Z'))).toBe(true);
    expect(digestDue('weekly', undefined, at('2026-03-02T10:00:00Z'))).toBe(true);
    expect(digestDue('never', undefined, at('2026-03-02T10:00:00Z'))).toBe(false);
  });

  it('daily: one per day of La Réunion (UTC+4), whatever the hour', () => {
    // 19:30 UTC is 23:30 in La Réunion; 20:30 UTC is already the next day there.
    expect(digestDue('daily', at('2026-03-02T04:00:00Z'), at('2026-03-02T19:30:00Z'))).toBe(false);
    expect(digestDue('daily', at('2026-03-02T04:00:00Z'), at('2026-03-02T20:30:00Z'))).toBe(true);
  });

  it('weekly: not before about seven days', () => {
    const sent = at('2026-03-02T03:00:00Z');
    expect(digestDue('weekly', sent, at('2026-03-08T03:00:00Z'))).toBe(false);
    expect(digestDue('weekly', sent, at('2026-03-09T02:55:00Z'))).toBe(true);
  });
});

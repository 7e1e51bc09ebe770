import { describe, expect, it } from 'vitest';
import { normalisedMailbox } from './mailbox';

describe('normalisedMailbox', () => {
  it('lowercases and drops the +tag', () => {
    expect(normalisedMailbox(' Victim+1@Exemple.RE ')).toBe('victim@exemple.re');
    expect(normalisedMailbox('victim+2@exemple.re')).toBe('victim@exemple.re');
  });

  it('drops the dots at Gmail only, googlemail.com included', () => {
    expect(normalisedMailbox('Jean.Marc+kaz@gmail.com')).toBe('jeanmarc@gmail.com');
    expect(normalisedMailbox('jean.marc@googlemail.com')).toBe('jeanmarc@gmail.com');
    expect(normalisedMailbox('jean.marc@exemple.re')).toBe('jean.marc@exemple.re');
  });

  it('keeps an address that starts with + as it is (no empty mailbox)', () => {
    expect(normalisedMailbox('+tag@exemple.re')).toBe('+tag@exemple.re');
  });
});

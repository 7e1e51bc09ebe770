import { describe, expect, it } from 'vitest';
import { swapRequestedMail } from './swap-mails';

describe('mail subjects', () => {
  it('never carry a name a user typed: it stays in the body, where it is escaped', () => {
    const mail = swapRequestedMail('https://echange-kaz.re', 'S1', 'Gagnez un iPhone');

    expect(mail.subject).toBe('Un participant a demandé l’échange : confirmez');
    expect(mail.text).toContain('Gagnez un iPhone a demandé');
  });
});

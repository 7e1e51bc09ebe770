import { describe, expect, it } from 'vitest';
import { agentQueueMail } from './agent-queue-mail';
import { forAgent } from './assisted-mail';
import { mutualMatchMail } from './match-mails';
import { visitDeclinedMail } from './visit-mails';

const APP = 'https://echange-kaz.re';

describe('the reception agent’s copy of a tenant’s mail', () => {
  it('names the tenant in the body only, escaped, and links proposals to the agent’s pages', () => {
    // Prepare
    const mail = mutualMatchMail(APP, 'M1');

    // Act
    const copy = forAgent(mail, 'Madame <b>Hoarau</b>');

    // Assess
    expect(copy.subject).toBe(mail.subject);
    expect(copy.text).toMatch(/^Bonjour,\n\nCe message concerne Madame <b>Hoarau<\/b>, locataire/);
    expect(copy.text).toContain(`${APP}/accueil/propositions/M1`);
    expect(copy.text).not.toContain(`${APP}/propositions/M1`);
    expect(copy.html).toContain('Madame &lt;b&gt;Hoarau&lt;/b&gt;');
    expect(copy.html).not.toContain('<b>Hoarau');
  });

  it('leads the tenant’s list of proposals to that tenant’s page for the agent', () => {
    const copy = forAgent(visitDeclinedMail(APP), 'Madame Hoarau', 'L1');

    expect(copy.text).toContain(`${APP}/accueil/locataires/L1`);
    expect(copy.text).not.toMatch(/echange-kaz\.re\/propositions/);
  });
});

describe('the agent’s daily queue mail', () => {
  it('lists each tenant with what waits on them and where to act, without a name in the subject', () => {
    // Act
    const mail = agentQueueMail(APP, {
      tenants: [
        { listingId: 'L1', name: 'Madame Grondin', items: [{ kind: 'answer', matchId: 'M1' }] },
        {
          listingId: 'L2',
          name: 'Monsieur Payet',
          items: [
            { kind: 'confirm', matchId: 'M2', swapId: 'S2' },
            { kind: 'request', matchId: 'M3' },
          ],
        },
      ],
      total: 3,
    });

    // Assess
    expect(mail.subject).toBe(
      'À traiter aujourd’hui : 3 étapes pour les locataires que vous accompagnez',
    );
    expect(mail.text).toContain('Madame Grondin (1 à traiter)');
    expect(mail.text).toContain(`${APP}/accueil/propositions/M1`);
    expect(mail.text).toContain('Monsieur Payet (2 à traiter)');
    expect(mail.text).toContain(`${APP}/echanges/S2`);
    expect(mail.text).toContain(`${APP}/accueil/propositions/M3`);
  });
});

/**
 * "Signaler": a participant reports another (or a message) to Armos with the context; Armos sees
 * the report, suspends the listing (it leaves matching, its tenant is told why) and reinstates it.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/lib/db/model';
import { mailsTo } from '../support/mailbox';
import { signIn } from '../support/sign-in';
import { mutualMatch } from '../support/swap-fixture';
import { api, stackDatabase } from '../support/stack';

const armos = () => signIn('armos@bourse.local');

describe('reports and suspension', () => {
  it('reports a message with its text to Armos, who sees it and is mailed', async () => {
    // Prepare
    const { matchId, requester, partner } = await mutualMatch('SIDR');
    const said = await api(`/matches/${matchId}/messages`, {
      method: 'POST',
      token: partner.token,
      json: { text: 'Message insultant pour le test' },
    });
    const { id: messageId } = (await said.json()) as { id: string };

    // Act
    const response = await api('/reports', {
      method: 'POST',
      token: requester.token,
      json: { matchId, messageId, reason: 'Insultes dans la messagerie.' },
    });

    // Assess
    expect(response.status).toBe(201);
    const reports = (await (
      await api('/reports', { token: (await armos()).token })
    ).json()) as Array<Record<string, unknown>>;
    expect(reports.find((r) => r.messageId === messageId)).toMatchObject({
      matchId,
      reportedListingId: partner.listingId,
      reporterListingId: requester.listingId,
      messageText: 'Message insultant pour le test',
      reason: 'Insultes dans la messagerie.',
    });
    await expect
      .poll(
        async () =>
          (await mailsTo('armos@bourse.local')).some(
            (m) =>
              m.subject === 'Signalement d’un participant' &&
              m.body.text?.includes('Insultes dans la messagerie.'),
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
  });

  it('puts the reports one sent in one’s data export; erased, the report stays for Armos without the person', async () => {
    // Prepare
    const { matchId, requester, partner } = await mutualMatch('SIDR');
    const reason = `Rendez-vous manqué trois fois ${Date.now()}`;
    const sent = (await (
      await api('/reports', {
        method: 'POST',
        token: requester.token,
        json: { matchId, listingId: partner.listingId, reason },
      })
    ).json()) as { id: string };

    // Act
    const exported = (await (await api('/me/export', { token: requester.token })).json()) as {
      signalements: Array<{ reason: string }>;
    };
    const erased = await api('/me', { method: 'DELETE', token: requester.token });

    // Assess
    expect(exported.signalements.map((r) => r.reason)).toContain(reason);
    expect(erased.status).toBe(204);
    const reports = (await (
      await api('/reports', { token: (await armos()).token })
    ).json()) as Array<{ reason: string }>;
    expect(reports.map((r) => r.reason)).toContain(reason);
    const { Item } = await stackDatabase().doc.send(
      new GetCommand({ TableName: stackDatabase().tableName, Key: keys.report(sent.id) }),
    );
    expect(Item?.reporterId).toBe('effacé');
  });

  it('refuses to report oneself, a stranger’s proposal, or without a reason', async () => {
    const { matchId, requester } = await mutualMatch('SIDR');
    const stranger = await signIn(`inconnu.${Date.now()}@exemple.re`);

    const self = await api('/reports', {
      method: 'POST',
      token: requester.token,
      json: { matchId, listingId: requester.listingId, reason: 'Moi-même' },
    });
    const outsider = await api('/reports', {
      method: 'POST',
      token: stranger.token,
      json: { matchId, listingId: requester.listingId, reason: 'Pas concerné' },
    });
    const empty = await api('/reports', {
      method: 'POST',
      token: requester.token,
      json: { matchId, reason: '' },
    });

    expect([self.status, outsider.status, empty.status]).toEqual([409, 404, 400]);
  });

  it('Armos suspends a listing: it leaves matching, its tenant is told why, it cannot be republished; reinstating resumes it', async () => {
    // Prepare
    const { matchId, requester, partner } = await mutualMatch('SIDR');
    const { token } = await armos();

    // Act
    const suspended = await api(`/listings/${partner.listingId}/suspend`, {
      method: 'POST',
      token,
      json: { reason: 'Comportement menaçant signalé.' },
    });

    // Assess
    expect(suspended.status).toBe(200);
    expect(((await suspended.json()) as { status: string }).status).toBe('suspended');
    await expect
      .poll(
        async () =>
          (await mailsTo(partner.email)).find((m) => m.subject === 'Votre annonce est suspendue')
            ?.body.text ?? '',
        { timeout: 15_000 },
      )
      .toContain('Comportement menaçant signalé.');
    await expect
      .poll(
        async () =>
          (
            (await (await api(`/matches/${matchId}`, { token: requester.token })).json()) as {
              status: string;
            }
          ).status,
        { timeout: 15_000 },
      )
      .toBe('suspended');
    expect(
      (
        await api(`/listings/${partner.listingId}/withdraw`, {
          method: 'POST',
          token: partner.token,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api(`/listings/${partner.listingId}/publish`, {
          method: 'POST',
          token: partner.token,
        })
      ).status,
    ).toBe(409);

    // Act: lifting the suspension of the withdrawn listing lets its tenant publish again
    const reinstated = await api(`/listings/${partner.listingId}/reinstate`, {
      method: 'POST',
      token,
      json: {},
    });
    expect(reinstated.status).toBe(200);
    expect(
      (
        await api(`/listings/${partner.listingId}/publish`, {
          method: 'POST',
          token: partner.token,
        })
      ).status,
    ).toBe(200);
  });

  it('reinstating a suspended listing puts it back online and resumes its proposals', async () => {
    const { matchId, requester, partner } = await mutualMatch('SIDR');
    const { token } = await armos();
    await api(`/listings/${partner.listingId}/suspend`, {
      method: 'POST',
      token,
      json: { reason: 'Vérification en cours.' },
    });
    await expect
      .poll(
        async () =>
          (
            (await (await api(`/matches/${matchId}`, { token: requester.token })).json()) as {
              status: string;
            }
          ).status,
        { timeout: 15_000 },
      )
      .toBe('suspended');

    const reinstated = await api(`/listings/${partner.listingId}/reinstate`, {
      method: 'POST',
      token,
      json: {},
    });

    expect(((await reinstated.json()) as { status: string }).status).toBe('published');
    await expect
      .poll(
        async () =>
          (
            (await (await api(`/matches/${matchId}`, { token: requester.token })).json()) as {
              status: string;
            }
          ).status,
        { timeout: 15_000 },
      )
      .toBe('mutual');
  });
});

/** A visit that does not suit declines the proposal; the others are told kindly; statistics count it. */
import { describe, expect, it } from 'vitest';
import { mailsTo } from '../support/mailbox';
import { signIn } from '../support/sign-in';
import { mutualMatch } from '../support/swap-fixture';
import { api } from '../support/stack';

const month = () => new Date().toISOString().slice(0, 7);

async function visitsWithoutFollowUp(): Promise<number> {
  const armos = await signIn('armos@bourse.local');
  const body = (await (
    await api(`/stats/communes?from=${month()}&to=${month()}`, { token: armos.token })
  ).json()) as { rows: Array<{ communeCode: string; visitsWithoutFollowUp: number }> };
  return body.rows.find((row) => row.communeCode === '97420')?.visitsWithoutFollowUp ?? 0;
}

describe('a visit that does not suit', () => {
  it('declines the proposal, tells the other participant kindly and counts a "visite sans suite"', async () => {
    // Prepare
    const { matchId, requester, partner } = await mutualMatch('SIDR');
    const before = await visitsWithoutFollowUp();

    // Act
    const response = await api(`/matches/${matchId}/visit`, {
      method: 'POST',
      token: requester.token,
      json: { suitable: false },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(((await response.json()) as { status: string }).status).toBe('declined');
    await expect
      .poll(
        async () =>
          (await mailsTo(partner.email)).filter(
            (m) => m.subject === 'La visite n’a pas donné suite',
          ).length,
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(
      (await mailsTo(requester.email)).filter((m) => m.subject === 'La visite n’a pas donné suite'),
    ).toHaveLength(0);
    const swap = await api('/swaps', { method: 'POST', token: partner.token, json: { matchId } });
    expect(swap.status).toBe(409);
    await expect.poll(visitsWithoutFollowUp, { timeout: 15_000 }).toBeGreaterThan(before);
  });

  it('a visit that suits changes nothing but the verdict', async () => {
    const { matchId, requester } = await mutualMatch('SIDR');

    const response = await api(`/matches/${matchId}/visit`, {
      method: 'POST',
      token: requester.token,
      json: { suitable: true },
    });

    expect(((await response.json()) as { status: string }).status).toBe('mutual');
  });
});

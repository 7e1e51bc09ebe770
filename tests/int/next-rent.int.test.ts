/** The rent after the swap: stated by the lessor at verification, matched on, shown in every proposal. */
import { describe, expect, it } from 'vitest';
import { publishListing, suzanneDwelling, type MatchBody } from '../support/market';
import { signIn, type SignedIn } from '../support/sign-in';
import { api } from '../support/stack';

const wants = (typology: string, maxTotalRent: number) => ({
  communes: ['97420'],
  quartiers: ['97420-bagatelle'],
  typologies: [typology],
  maxTotalRent,
  needs: {},
  features: [],
});

/** Waits until the live proposals joining these listings (proposed or mutual) are `expected` in number. */
async function waitForLiveMatches(
  tenant: SignedIn,
  listingIds: string[],
  expected: 0 | 1,
): Promise<MatchBody | undefined> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const matches = (await (await api('/matches', { token: tenant.token })).json()) as MatchBody[];
    const live = matches.filter(
      (m) =>
        (m.status === 'proposed' || m.status === 'mutual') &&
        listingIds.every((id) => m.participants.some((p) => p.listingId === id)),
    );
    if (live.length === expected) return live[0];
    if (Date.now() > deadline)
      throw new Error(`Attendu ${expected} proposition(s), trouvé ${live.length}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe('rent after the swap', () => {
  it('is stated at verification, changes who matches, and shows in proposals and views', async () => {
    // Prepare: A (T2) wants a T5 up to 760 €; B's T5 costs 730 € today.
    const a = await publishListing({
      dwelling: suzanneDwelling('T2', 47, 390),
      household: { adults: 2, children: 2 },
      wishes: wants('T5', 760),
    } as never);
    const b = await publishListing({
      dwelling: { ...suzanneDwelling('T5', 97, 690), lessorId: 'SEDRE' },
      household: { adults: 1, children: 0 },
      motive: 'under_occupation',
      wishes: wants('T2', 500),
    } as never);
    const ids = [a.listingId, b.listingId];
    const lessor = await signIn('agent.sedre@bourse.local');
    const verify = (json: Record<string, unknown>) =>
      api(`/listings/${b.listingId}/verification`, { method: 'POST', token: lessor.token, json });
    const before = await waitForLiveMatches(a, ids, 1);

    // Act: the lessor raises the rent past A's maximum, then lowers it within it.
    const raised = await verify({ verified: true, nextRent: 730, nextCharges: 50 });
    await waitForLiveMatches(a, ids, 0);
    const lowered = await verify({ verified: true, nextRent: 700, nextCharges: 45 });
    // The proposal comes back first, then the same matcher run rewrites its explanation.
    let after = await waitForLiveMatches(a, ids, 1);
    await expect
      .poll(async () => (after = await waitForLiveMatches(a, ids, 1))?.explanation.summary)
      .toContain('745 € charges comprises');
    const rejectedWithRent = await verify({ verified: false, reason: 'x', nextRent: 700 });
    const seenByB = await api(`/listings/${b.listingId}`, { token: b.token });

    // Assess
    expect(before?.participants.find((p) => p.isMe)?.receives).toMatchObject({
      nextTotalRent: 730,
    });
    expect(raised.status).toBe(200);
    expect(await raised.json()).toMatchObject({
      nextRent: 730,
      nextCharges: 50,
      nextTotalRent: 780,
    });
    expect(lowered.status).toBe(200);
    const mine = after!.participants.find((p) => p.isMe)!;
    expect(mine.receives).toMatchObject({ rent: 690, charges: 40, nextTotalRent: 745 });
    expect(after!.explanation.summary).toContain('745 € charges comprises');
    expect(after!.explanation.reasons).toContain(
      'loyer après échange fixé par le bailleur : 745 € charges comprises (le locataire actuel paie 730 €)',
    );
    expect(rejectedWithRent.status).toBe(400);
    expect(await seenByB.json()).toMatchObject({ nextTotalRent: 745, verification: 'verified' });
  });

  it('defaults to today’s rent and refuses a negative figure', async () => {
    const tenant = await publishListing({
      dwelling: { ...suzanneDwelling('T3', 66, 500), lessorId: 'SEDRE' },
      wishes: wants('T4', 700),
    } as never);
    const lessor = await signIn('agent.sedre@bourse.local');
    const verify = (json: Record<string, unknown>) =>
      api(`/listings/${tenant.listingId}/verification`, {
        method: 'POST',
        token: lessor.token,
        json,
      });

    const negative = await verify({ verified: true, nextRent: -5 });
    const plain = await verify({ verified: true });

    expect(negative.status).toBe(400);
    expect(await negative.json()).toMatchObject({
      error: { code: 'validation_failed', issues: [{ path: 'nextRent' }] },
    });
    expect(await plain.json()).toMatchObject({ verification: 'verified', nextTotalRent: 540 });
  });
});

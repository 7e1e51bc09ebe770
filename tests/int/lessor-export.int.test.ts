/** A lessor exports its verifications and its reviews as CSV for French Excel, through the real route. */
import { describe, expect, it } from 'vitest';
import { listingInput } from '../support/factories';
import { signIn } from '../support/sign-in';
import { api, uniqueEmail } from '../support/stack';
import { staffAccount } from '../support/swaps';

describe('lessor CSV export', () => {
  it('lists its own listings with verification and rent after the swap, and nobody else’s', async () => {
    // Prepare: one SEDRE listing verified with a new rent, one SHLMR listing.
    const agent = await staffAccount('lessor', 'SEDRE');
    const tenant = await signIn(uniqueEmail());
    const tenancyRef = `BAIL-EXPORT-${Date.now().toString(36)}`;
    const own = (await (
      await api('/listings', {
        method: 'POST',
        token: tenant.token,
        json: listingInput({ dwelling: { lessorId: 'SEDRE', tenancyRef } } as never),
      })
    ).json()) as { id: string; dwelling: { rent: number; charges: number } };
    await api(`/listings/${own.id}/verification`, {
      method: 'POST',
      token: agent.token,
      json: { verified: true, nextRent: 612.5, nextCharges: 40 },
    });
    const other = await signIn(uniqueEmail());
    const foreignRef = `BAIL-AUTRE-${Date.now().toString(36)}`;
    await api('/listings', {
      method: 'POST',
      token: other.token,
      json: listingInput({ dwelling: { lessorId: 'SHLMR', tenancyRef: foreignRef } } as never),
    });

    // Act
    const response = await api('/lessor/export?kind=verifications', { token: agent.token });
    const reviews = await api('/lessor/export?kind=reviews', { token: agent.token });
    const bytes = new Uint8Array(await response.arrayBuffer());

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain('sedre-verifications');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const line = text.split('\r\n').find((l) => l.includes(tenancyRef))!;
    expect(line.split(';')).toEqual(expect.arrayContaining(['vérifiée', '652,5']));
    expect(text).not.toContain(foreignRef);
    expect(text.split('\r\n')[0]).toContain('Loyer après échange');
    expect(reviews.status).toBe(200);
    expect((await reviews.text()).split('\r\n')[0]).toContain('Jours de la demande à la décision');
  });
});

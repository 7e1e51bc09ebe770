/** Armos supervises: the audit screen's filters and pages, and the dashboard's figures, through the real routes. */
import { describe, expect, it } from 'vitest';
import { listingInput } from '../support/factories';
import { signIn } from '../support/sign-in';
import { api, uniqueEmail } from '../support/stack';
import { staffAccount } from '../support/swaps';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies read loosely; the assertions check their shape
type Body = any;
const json = async (response: Response): Promise<Body> => response.json();

async function pendingListing(lessorId: string): Promise<string> {
  const tenant = await signIn(uniqueEmail());
  const created = await json(
    await api('/listings', {
      method: 'POST',
      token: tenant.token,
      json: listingInput({ dwelling: { lessorId } } as never),
    }),
  );
  return created.id as string;
}

describe('audit screen', () => {
  it('filters by actor and action over a period, a page at a time', async () => {
    // Prepare: a lessor agent of this file verifies three listings and rejects one.
    const agent = await staffAccount('lessor', 'SODEGIS');
    const ids = await Promise.all([1, 2, 3, 4].map(() => pendingListing('SODEGIS')));
    for (const id of ids.slice(0, 3))
      await api(`/listings/${id}/verification`, {
        method: 'POST',
        token: agent.token,
        json: { verified: true },
      });
    await api(`/listings/${ids[3]}/verification`, {
      method: 'POST',
      token: agent.token,
      json: { verified: false, reason: 'Bail inconnu' },
    });
    const armos = await signIn('armos@bourse.local');
    const today = new Date().toISOString().slice(0, 10);
    const search = (query: string) =>
      api(`/admin/audit/entries?${query}`, { token: armos.token }).then(json);

    // Act
    const first = await search(`actorId=${agent.user.id}&action=listing-verified&limit=2`);
    const second = await search(
      `actorId=${agent.user.id}&action=listing-verified&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
    );
    const everyone = await search(`action=listing-rejected&from=${today}&to=${today}&limit=100`);
    const tampered = await api(
      `/admin/audit/entries?actorId=${agent.user.id}&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
      { token: armos.token },
    );
    const reversed = await api('/admin/audit/entries?from=2026-05-01&to=2026-04-01', {
      token: armos.token,
    });

    // Assess
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    const seen = [...first.items, ...second.items].map((e: Body) => e.subject).sort();
    expect(seen).toEqual(
      ids
        .slice(0, 3)
        .map((id) => `listing:${id}`)
        .sort(),
    );
    expect(first.items[0].at >= first.items[1].at).toBe(true);
    expect(everyone.items.map((e: Body) => e.subject)).toContain(`listing:${ids[3]}`);
    expect(everyone.items.every((e: Body) => e.action === 'listing-rejected')).toBe(true);
    expect(tampered.status).toBe(400);
    expect(reversed.status).toBe(400);
  });
});

describe('dashboard', () => {
  it('counts the listings waiting for verification per lessor and lists every figure', async () => {
    const armos = await signIn('armos@bourse.local');
    const before = await json(await api('/admin/dashboard', { token: armos.token }));
    await Promise.all([1, 2].map(() => pendingListing('SEMAC')));

    const after = await json(await api('/admin/dashboard', { token: armos.token }));

    const semac = (body: Body) =>
      body.pendingVerifications.find((p: Body) => p.lessorId === 'SEMAC').count;
    expect(semac(after) - semac(before)).toBeGreaterThanOrEqual(2);
    expect(after.swapsByStatus.map((s: Body) => s.status)).toContain('under_review');
    expect(after.householdsMoved).toHaveLength(12);
    expect(after.decisionDays.map((d: Body) => d.lessorId)).toContain('SIDR');
  });
});

/**
 * A listing is in at most one active swap, even when everyone clicks at the same instant: 20
 * simultaneous requests on overlapping mutual matches (A, B, C all accepting each other: three 2-way
 * and the 3-way cycles; plus an independent pair D–E) against DynamoDB Local.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SwapView } from '../../shared/schemas/swap';
import type { MatchBody, PublishedTenant } from '../support/market';
import type { SignedIn } from '../support/sign-in';
import { api } from '../support/stack';
import {
  listingStatus,
  makeMutual,
  pollUntil,
  staffAccount,
  verifiedListing,
  waitForMatches,
} from '../support/swaps';

let armos: SignedIn;

beforeAll(async () => {
  armos = await staffAccount('armos');
});

const others = (all: string[], mine: string) => all.filter((q) => q !== mine);

describe('simultaneous swap requests', () => {
  it('engage each listing in exactly one swap; every other request gets 409 and nothing is half-written', async () => {
    // Prepare: A, B, C (T4 in three quartiers) each want the two others; D and E want each other.
    const quartiers = ['centre-ville', 'beausejour', 'riviere-des-pluies'];
    const [a, b, c] = await Promise.all(
      quartiers.map((quartier, i) =>
        verifiedListing(
          armos,
          {
            quartier,
            typology: 'T4',
            lessorId: i === 1 ? 'SIDR' : 'SHLMR',
            surface: 80 + i,
            rent: 560 + 10 * i,
          },
          { quartiers: others(quartiers, quartier), typologies: ['T4'] },
        ),
      ),
    );
    const d = await verifiedListing(
      armos,
      { quartier: 'gillot', typology: 'T4', lessorId: 'SIDR', surface: 82, rent: 570 },
      { quartiers: ['la-mare'], typologies: ['T4'] },
    );
    const e = await verifiedListing(
      armos,
      { quartier: 'la-mare', typology: 'T4', lessorId: 'SHLMR', surface: 79, rent: 550 },
      { quartiers: ['gillot'], typologies: ['T4'] },
    );
    const group = [a!, b!, c!];
    const groupIds = group.map((t) => t.listingId);
    // Three 2-way matches and at least one 3-way (the union of what A, B and C see); then D–E.
    const union = async () => {
      const seen = new Map<string, MatchBody>();
      for (const t of group)
        for (const m of await waitForMatches(t, groupIds, 0)) seen.set(m.id, m);
      return [...seen.values()];
    };
    await pollUntil(
      union,
      (found) =>
        found.filter((m) => m.kind === '2-way').length === 3 &&
        found.some((m) => m.kind === '3-way'),
      20_000,
    );
    const matches = await union();
    const [pair] = await waitForMatches(d, [d.listingId, e.listingId], 1);
    for (const match of matches) await makeMutual(match, group);
    await makeMutual(pair!, [d, e]);
    expect(matches.filter((m) => m.kind === '2-way')).toHaveLength(3);
    expect(matches.some((m) => m.kind === '3-way')).toBe(true);

    // Act: 16 requests on the overlapping matches from every participant, 4 on D–E, all at once.
    const requests: Array<{ match: MatchBody; tenant: PublishedTenant }> = [];
    for (let i = 0; i < 16; i += 1) {
      const match = matches[i % matches.length]!;
      const participantIds = match.participants.map((p) => p.listingId);
      requests.push({
        match,
        tenant: group.filter((t) => participantIds.includes(t.listingId))[
          i % participantIds.length
        ]!,
      });
    }
    for (let i = 0; i < 4; i += 1) requests.push({ match: pair!, tenant: i % 2 === 0 ? d : e });
    const responses = await Promise.all(
      requests.map(async ({ match, tenant }) => {
        const response = await api('/swaps', {
          method: 'POST',
          token: tenant.token,
          json: { matchId: match.id },
        });
        return {
          status: response.status,
          body: (await response.json()) as SwapView & { error?: { code: string } },
        };
      }),
    );

    // Assess: one success per group of listings, 409 for the rest.
    const won = responses.filter((r) => r.status === 201);
    expect(
      responses
        .filter((r) => r.status !== 201)
        .every((r) => r.status === 409 && r.body.error?.code === 'conflict'),
    ).toBe(true);
    expect(won).toHaveLength(2);
    const winnerOf = (ids: string[]) =>
      won.filter((r) => r.body.participants.some((p) => ids.includes(p.listingId)));
    expect(winnerOf(groupIds)).toHaveLength(1);
    expect(winnerOf([d.listingId, e.listingId])).toHaveLength(1);

    // Stored state: each engaged listing belongs to exactly one active swap; the others stay published.
    const active = (await (
      await api('/swaps?status=awaiting_confirmations&limit=100', { token: armos.token })
    ).json()) as { items: SwapView[] };
    const all = [...group, d, e];
    const swapsOf = (listingId: string) =>
      active.items.filter((s) => s.participants.some((p) => p.listingId === listingId));
    const engagedBy = new Set(won.flatMap((r) => r.body.participants.map((p) => p.listingId)));
    for (const tenant of all) {
      const status = await listingStatus(tenant.token, tenant.listingId);
      expect(status).toBe(engagedBy.has(tenant.listingId) ? 'engaged' : 'published');
      expect(swapsOf(tenant.listingId)).toHaveLength(engagedBy.has(tenant.listingId) ? 1 : 0);
    }
    for (const winner of won) {
      const matchStatus = (
        (await (
          await api(`/matches/${winner.body.matchId}`, { token: armos.token })
        ).json()) as MatchBody
      ).status;
      expect(matchStatus).toBe('engaged');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { cachedReferenceData } from '../../functions/lib/db/reference';
import { runOptimiser } from '../../functions/scheduler/optimiser';
import { publishListing, waitForMatch, type MatchBody } from '../support/market';
import { api, stackDatabase } from '../support/stack';

const wants = (typology: string, quartier: string) => ({ communes: ['97418'], quartiers: [quartier], typologies: [typology], maxTotalRent: 950, needs: {}, features: [] });

describe('nightly optimiser', () => {
  it('marks a chosen proposal "recommandée" and records its plan', async () => {
    const a = await publishListing({ dwelling: { communeCode: '97418', quartierId: '97418-grande-montee', typology: 'T1', surface: 28, rent: 240, charges: 30, lessorId: 'SEMAC' }, household: { adults: 1, children: 0 }, wishes: wants('T6', '97418-la-ressource') } as never);
    const b = await publishListing({ dwelling: { communeCode: '97418', quartierId: '97418-la-ressource', typology: 'T6', surface: 118, rent: 820, charges: 90, lessorId: 'SEMAC' }, household: { adults: 1, children: 0 }, wishes: wants('T1', '97418-grande-montee') } as never);
    const match = await waitForMatch(a, [a.listingId, b.listingId]);
    const db = stackDatabase();

    const report = await runOptimiser({ db, reference: cachedReferenceData(db) }, new Date());

    const after = (await (await api(`/matches/${match.id}`, { token: a.token })).json()) as MatchBody & { recommended: boolean };
    expect(report.chosen).toBeGreaterThanOrEqual(1);
    expect(report.households).toBeGreaterThanOrEqual(2);
    expect(after.recommended).toBe(true);
  });
});

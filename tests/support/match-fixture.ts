/** A proposal between two fresh tenants (Sainte-Marie, so no other test's listing joins it). */
import { publishAssisted } from './agents';
import { publishListing, waitForMatch, type PublishedTenant } from './market';

export interface MatchFixture {
  matchId: string;
  participant: PublishedTenant;
  partner: PublishedTenant;
}

const wants = (typology: string, quartier: string) => ({
  communes: ['97418'],
  quartiers: [quartier],
  typologies: [typology],
  maxTotalRent: 900,
  needs: {},
  features: [],
});

/** `assisted`: the participant's listing is managed by the seeded reception agent. */
export async function createMatchFixture(
  options: { assisted?: boolean } = {},
): Promise<MatchFixture> {
  const participant = await (options.assisted ? publishAssisted : publishListing)({
    dwelling: {
      communeCode: '97418',
      quartierId: '97418-gillot',
      typology: 'T2',
      surface: 46,
      rent: 350,
      charges: 40,
      lessorId: 'SEDRE',
    },
    household: { adults: 1, children: 1 },
    wishes: wants('T5', '97418-terrain-elisa'),
  } as never);
  const partner = await publishListing({
    dwelling: {
      communeCode: '97418',
      quartierId: '97418-terrain-elisa',
      typology: 'T5',
      surface: 99,
      rent: 680,
      charges: 60,
      lessorId: 'SEDRE',
    },
    household: { adults: 1, children: 0 },
    wishes: wants('T2', '97418-gillot'),
  } as never);
  const match = await waitForMatch(partner, [participant.listingId, partner.listingId]);
  return { matchId: match.id, participant, partner };
}

/**
 * Vacancies reach the nightly plan through its scheduled entry point, as on Lambda: a lessor posts
 * a vacant dwelling, a crowded household could move in, the plan runs and chooses that chain, and
 * the household sees it "recommandée" in its proposals. Bois-de-Nèfles, which no other test file
 * uses, keeps other files' listings and vacancies out of this chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchIdOf } from '../../functions/lib/db/matches';
import type { OptimiserReport } from '../../functions/scheduler/optimiser';
import { chainKey } from '../../shared/matching/chains';
import { publishListing, type MatchBody, type PublishedTenant } from '../support/market';
import { signIn } from '../support/sign-in';
import { api, stack } from '../support/stack';
import { vacancyBody } from '../support/vacancies';

type ChainBody = MatchBody & { recommended?: boolean };

const saved = { ...process.env };

beforeAll(() => {
  const { tableName, dynamodbEndpoint, region } = stack();
  Object.assign(process.env, {
    STAGE: 'test',
    AWS_REGION: region,
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamodbEndpoint,
    SESSION_SECRET: 'plan-vacancies-test-secret-plan-vacancies-test-01',
    LOG_LEVEL: 'error',
  });
});

afterAll(() => {
  process.env = saved;
});

async function chainThrough(tenant: PublishedTenant, vacancyId: string) {
  const matches = (await (await api('/matches', { token: tenant.token })).json()) as ChainBody[];
  const id = matchIdOf(chainKey(vacancyId, [tenant.listingId]));
  return matches.find((match) => match.id === id);
}

describe('nightly plan with the vacancies of the table', () => {
  it('chooses the chain a posted vacancy opens and shows it recommended to the household', async () => {
    // Prepare: a family of six in a T2 wanting a T4 in Bois-de-Nèfles, where a lessor posts one.
    const family = await publishListing({
      dwelling: {
        communeCode: '97411',
        quartierId: '97411-saint-bernard',
        typology: 'T2',
        surface: 40,
        rent: 380,
        charges: 40,
        lessorId: 'SHLMR',
      },
      household: { adults: 2, children: 4 },
      wishes: {
        communes: ['97411'],
        quartiers: ['97411-bois-de-nefles'],
        typologies: ['T4'],
        maxTotalRent: 900,
      },
    } as never);
    const agent = await signIn('agent.sidr@bourse.local');
    const posted = await api('/lessor/vacancies', {
      method: 'POST',
      token: agent.token,
      json: vacancyBody(
        {
          communeCode: '97411',
          quartierId: '97411-bois-de-nefles',
          typology: 'T4',
          surface: 82,
          rent: 560,
          charges: 70,
        },
        { overOccupiedOnly: true },
      ),
    });
    expect(posted.status).toBe(201);
    const vacancyId = ((await posted.json()) as { id: string }).id;
    await expect
      .poll(async () => (await chainThrough(family, vacancyId)) !== undefined, {
        timeout: 20_000,
        interval: 200,
      })
      .toBe(true);

    // Act: the scheduled entry point, configured from the environment as on Lambda.
    const { optimiserHandler } = await import('../../functions/scheduler/index');
    const report: OptimiserReport = await optimiserHandler(
      { 'detail-type': 'Scheduled Event' },
      {},
    );

    // Assess
    const chain = await chainThrough(family, vacancyId);
    expect(report.households).toBeGreaterThanOrEqual(1);
    expect(chain).toMatchObject({ status: 'proposed', recommended: true });
  }, 120_000);
});

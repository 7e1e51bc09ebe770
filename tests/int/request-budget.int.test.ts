/**
 * Request budgets (docs/data-model.md, "Budget de requêtes par route"): the API runs in this
 * process on a DynamoDB client that counts every command it sends, session check included, and
 * each route read through it must stay within its budget, whatever the number of proposals.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app';
import { parseConfig } from '../../functions/lib/config';
import { createDatabase, type Database } from '../../functions/lib/db/client';
import { getMatch } from '../../functions/lib/db/matches';
import { cachedReferenceData } from '../../functions/lib/db/reference';
import { createMatchFixture } from '../support/match-fixture';
import { api, stack, stackDatabase } from '../support/stack';
import { moreProposals } from '../support/more-proposals';
import { requestedSwap } from '../support/swap-fixture';
import { apiContext } from '../../functions/api/deps';

/** The budgets of docs/data-model.md: requests to DynamoDB per call, the session's read included. */
const BUDGET = {
  'GET /api/matches': 3,
  // Session, the three groups of the listing's index read in parallel, one batch read.
  'GET /api/matches?limit= (une page)': 5,
  'GET /api/matches/:id': 3,
  // Session, the proposal, its listings (and, once agreed, its participants' accounts), the transaction.
  'POST /api/matches/:id/interest': 4,
  'GET /api/swaps/:id': 4,
  'GET /api/lessor/listings': 3,
  'GET /api/swaps (file d’un bailleur)': 3,
} as const;

let app: ReturnType<typeof createApi>;
const sent: string[] = [];

beforeAll(() => {
  const { tableName, dynamodbEndpoint, region, appUrl, sessionSecret } = stack();
  const counted: Database = createDatabase({ tableName, endpoint: dynamodbEndpoint, region });
  counted.doc.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const config = parseConfig({
    ...process.env,
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamodbEndpoint,
    APP_URL: appUrl,
    SESSION_SECRET: sessionSecret,
  });
  // Reference data is cached per process: read through an uncounted client.
  const reference = cachedReferenceData(stackDatabase());
  app = createApi(apiContext(config, counted, { reference }));
});

afterEach(() => {
  sent.length = 0;
});

/** The requests one call sends, and its status. */
async function requestsOf(path: string, token: string, body?: unknown) {
  sent.length = 0;
  const response = await app.request(`/api${path}`, {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    body: (await response.json()) as unknown,
    requests: [...sent],
    next: /^<([^>]+)>; rel="next"$/.exec(response.headers.get('link') ?? '')?.[1],
  };
}

describe('requests to DynamoDB per route', () => {
  it('lists and reads proposals within budget, with its few proposals or sixty more', async () => {
    // Prepare
    const fixture = await createMatchFixture();
    const token = fixture.participant.token;

    // Act
    const one = await requestsOf('/matches', token);
    const read = await requestsOf(`/matches/${fixture.matchId}`, token);
    await moreProposals(await getMatch(stackDatabase(), fixture.matchId), 60);
    const sixty = await requestsOf('/matches', token);

    // Assess
    expect(one.status).toBe(200);
    // The fixture's pair may also match other test files' pairs in the same quartiers: at least its own.
    const before = (one.body as unknown[]).length;
    expect(before).toBeGreaterThanOrEqual(1);
    expect(one.requests.length, one.requests.join(', ')).toBeLessThanOrEqual(
      BUDGET['GET /api/matches'],
    );
    expect(read.status).toBe(200);
    expect(read.requests.length, read.requests.join(', ')).toBeLessThanOrEqual(
      BUDGET['GET /api/matches/:id'],
    );
    expect(sixty.status).toBe(200);
    expect((sixty.body as unknown[]).length).toBe(before + 60);
    expect(sixty.requests.length, sixty.requests.join(', ')).toBeLessThanOrEqual(
      BUDGET['GET /api/matches'],
    );
    // A page at a time, each page within its budget, the pages together the whole list.
    const paged: unknown[] = [];
    let next: string | undefined = '/matches?limit=20';
    while (next) {
      const page = await requestsOf(next.replace(/^\/api/, ''), token);
      expect(page.status).toBe(200);
      expect(page.requests.length, page.requests.join(', ')).toBeLessThanOrEqual(
        BUDGET['GET /api/matches?limit= (une page)'],
      );
      paged.push(...(page.body as unknown[]));
      next = page.next;
    }
    expect(paged).toEqual(sixty.body);
  }, 120_000);

  it('answers a proposal within budget, with the view a read of it gives next', async () => {
    // Prepare
    const fixture = await createMatchFixture();

    // Act: the first yes, then the one that makes the proposal mutual (contacts open).
    const first = await requestsOf(
      `/matches/${fixture.matchId}/interest`,
      fixture.participant.token,
      { interested: true },
    );
    const firstRead = await requestsOf(`/matches/${fixture.matchId}`, fixture.participant.token);
    const second = await requestsOf(`/matches/${fixture.matchId}/interest`, fixture.partner.token, {
      interested: true,
    });
    const secondRead = await requestsOf(`/matches/${fixture.matchId}`, fixture.partner.token);

    // Assess
    expect(first.status).toBe(200);
    expect(first.requests.length, first.requests.join(', ')).toBeLessThanOrEqual(
      BUDGET['POST /api/matches/:id/interest'],
    );
    expect(first.body).toEqual(firstRead.body);
    expect(second.status).toBe(200);
    expect((second.body as { status: string }).status).toBe('mutual');
    expect(second.body).toEqual(secondRead.body);
  });

  it('reads a swap, a lessor’s review queue and verification queue within budget', async () => {
    // Prepare
    const lessorId = 'SODIAC';
    const swap = await requestedSwap(lessorId);
    const confirmed = await api(`/swaps/${swap.swapId}/confirm`, {
      method: 'POST',
      token: swap.partner.token,
    });
    expect(confirmed.status).toBe(200);
    const lessor = Object.values(stack().staffSessions).find(
      (session) => session.user.role === 'lessor' && session.user.lessorId === lessorId,
    )!;

    // Act
    const byTenant = await requestsOf(`/swaps/${swap.swapId}`, swap.requester.token);
    const byLessor = await requestsOf(`/swaps/${swap.swapId}`, lessor.token);
    const reviewQueue = await requestsOf('/swaps?limit=10', lessor.token);
    const verificationQueue = await requestsOf('/lessor/listings?limit=50', lessor.token);

    // Assess
    for (const call of [byTenant, byLessor]) {
      expect(call.status).toBe(200);
      expect(call.requests.length, call.requests.join(', ')).toBeLessThanOrEqual(
        BUDGET['GET /api/swaps/:id'],
      );
    }
    expect(reviewQueue.status).toBe(200);
    expect((reviewQueue.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
    expect(reviewQueue.requests.length, reviewQueue.requests.join(', ')).toBeLessThanOrEqual(
      BUDGET['GET /api/swaps (file d’un bailleur)'],
    );
    expect(verificationQueue.status).toBe(200);
    expect(
      verificationQueue.requests.length,
      verificationQueue.requests.join(', '),
    ).toBeLessThanOrEqual(BUDGET['GET /api/lessor/listings']);
  }, 120_000);
});

/**
 * The API process killed (SIGKILL) in the middle of swap requests: every transition is one
 * DynamoDB transaction, so after a restart the stored state is consistent — each engaged listing
 * belongs to exactly one active swap of its match, and the interrupted requests can be made again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/local/stack';
import { signIn } from '../support/sign-in';
import { api, stack } from '../support/stack';
import { mutualMatch } from '../support/swap-fixture';

const root = resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];

async function startApi(port: number): Promise<ChildProcess> {
  const { tableName, dynamodbEndpoint, region, sessionSecret, appUrl } = stack();
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/api-process.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      AWS_REGION: region,
      SESSION_SECRET: sessionSecret,
      APP_URL: appUrl,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise<void>((ready, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && ready());
    child.once('exit', (code) => fail(new Error(`API process exited (${code})`)));
  });
  return child;
}

afterAll(() => children.forEach((child) => child.kill('SIGKILL')));

describe('crash in the middle of swap transitions', () => {
  it('leaves a consistent state, and the requests can be made again after a restart', async () => {
    const pairs = await Promise.all(Array.from({ length: 6 }, () => mutualMatch('SIDR')));
    const port = await freePort();
    const first = await startApi(port);
    const url = `http://127.0.0.1:${port}/api`;
    const request = (pair: (typeof pairs)[number]) =>
      fetch(`${url}/swaps`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${pair.requester.token}`,
        },
        body: JSON.stringify({ matchId: pair.matchId }),
      })
        .then((r) => r.status)
        .catch(() => 'killed' as const);

    // Staggered requests, killed as soon as the first one is answered: the others are caught at
    // every stage, before, during or after their transaction.
    let killNow: () => void = () => undefined;
    const firstAnswer = new Promise<void>((resolve) => (killNow = resolve));
    const inFlight = pairs.map(async (pair, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 15));
      const outcome = await request(pair);
      if (outcome === 201) killNow();
      return outcome;
    });
    await Promise.race([firstAnswer, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    first.kill('SIGKILL');
    const outcomes = await Promise.all(inFlight);
    await startApi(port);
    const retried = await Promise.all(pairs.map(request));

    const armos = await signIn('armos@bourse.local');
    const { items } = (await (await api('/swaps?limit=100', { token: armos.token })).json()) as {
      items: Array<{ matchId: string; status: string; participants: Array<{ listingId: string }> }>;
    };
    for (const pair of pairs) {
      const swaps = items.filter(
        (swap) => swap.matchId === pair.matchId && swap.status === 'awaiting_confirmations',
      );
      const statuses = await Promise.all(
        [pair.requester, pair.partner].map(
          async (t) =>
            (
              (await (await api(`/listings/${t.listingId}`, { token: t.token })).json()) as {
                status: string;
              }
            ).status,
        ),
      );
      expect(swaps).toHaveLength(1);
      expect(statuses).toEqual(['engaged', 'engaged']);
    }
    expect(outcomes).toContain(201);
    expect(outcomes.every((o) => o === 201 || o === 'killed')).toBe(true);
    // Answered before the crash: asking again is a conflict. Killed: done now, or already committed.
    outcomes.forEach((outcome, i) =>
      expect(outcome === 201 ? [409] : [201, 409]).toContain(retried[i]),
    );
    // Two API processes start from source (TypeScript compiled on the fly): slow on a busy machine.
  }, 120_000);
});

/**
 * The lessor agents' daily digest, with an injected clock: a mail on a day with listings waiting
 * for verification (or reviews due within 7 days), one a day however often the job runs, none on
 * a day with nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReferenceData } from '../../shared/reference/index';
import type { Database } from '../../functions/lib/db/client';
import { createUser } from '../../functions/lib/db/users';
import { runLessorDigests } from '../../functions/scheduler/lessor-digests';
import { listingInput } from '../support/factories';
import { mailsTo } from '../support/mailbox';
import { signIn } from '../support/sign-in';
import {
  api,
  createOwnTable,
  dropOwnTable,
  stack,
  stackDatabase,
  uniqueEmail,
} from '../support/stack';
import { staffAccount } from '../support/swaps';

const sodegisOnly = async () => ({
  ...seedReferenceData,
  lessors: seedReferenceData.lessors.filter((lessor) => lessor.id === 'SODEGIS'),
});

const digestsTo = async (address: string) =>
  (await mailsTo(address)).filter((m) => m.subject.startsWith('SODEGIS :'));

/** A day of its own (the job sends one digest a day per lessor, and other files run it too). */
const uniqueDay = () =>
  new Date(Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 3000) * 86_400_000);

describe('lessor digests', () => {
  let own: Database | undefined;

  beforeAll(async () => {
    own = await createOwnTable('digests');
  });

  afterAll(async () => {
    await dropOwnTable(own);
  });

  it('mails the lessor’s agents once a day when a listing waits for their verification', async () => {
    // Prepare
    const agent = await staffAccount('lessor', 'SODEGIS');
    const tenant = await signIn(uniqueEmail());
    const created = await api('/listings', {
      method: 'POST',
      token: tenant.token,
      json: listingInput({ dwelling: { lessorId: 'SODEGIS' } } as never),
    });
    expect(created.status).toBe(201);
    const deps = { db: stackDatabase(), appUrl: stack().appUrl, reference: sodegisOnly };
    const day = uniqueDay();

    // Act
    const first = await runLessorDigests(deps, day);
    const again = await runLessorDigests(deps, new Date(day.getTime() + 3_600_000));

    // Assess
    expect(first).toMatchObject({ lessors: 1, failed: 0 });
    expect(first.mailed).toBeGreaterThanOrEqual(1);
    expect(again).toMatchObject({ lessors: 0, mailed: 0, failed: 0 });
    await expect
      .poll(async () => (await digestsTo(agent.email)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a second one would have arrived by now
    const mails = await digestsTo(agent.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/annonces? à vérifier/);
    expect(mails[0]!.body.text).toContain(`${stack().appUrl}/bailleur`);
  });

  it('sends nothing on a day when nothing waits', async () => {
    const db = own!;
    await createUser(
      db,
      { email: uniqueEmail('agent-semac'), role: 'lessor', lessorId: 'SEMAC' },
      new Date(),
    );

    const report = await runLessorDigests(
      { db, appUrl: stack().appUrl, reference: async () => seedReferenceData },
      uniqueDay(),
    );

    expect(report).toEqual({ lessors: 0, mailed: 0, failed: 0 });
  });
});

/**
 * Tenant accounts unused for 24 months are erased, after a warning mail 30 days before; a sign-in
 * or a listing still in use keeps them. Clock-driven, so on a table of its own: moving time
 * forward never touches other test files' accounts. Each test starts 100 days after the previous.
 */
import { addDays, addHours, addMonths } from 'date-fns';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReferenceData } from '../../shared/reference/index';
import type { Database } from '../../functions/lib/db/client';
import { recordActivity } from '../../functions/lib/db/inactivity';
import { listUnsentMail } from '../../functions/lib/db/outbox';
import { createUser, findUserByEmail, getUser } from '../../functions/lib/db/users';
import { changeListingStatus, createListing } from '../../functions/lib/listings/service';
import type { PhotoStorage } from '../../functions/lib/photos/storage';
import { runInactiveAccounts } from '../../functions/scheduler/inactive-accounts';
import { listingInput } from '../support/factories';
import { createOwnTable, dropOwnTable, uniqueEmail } from '../support/stack';

const APP_URL = 'http://localhost:3000';
const T0 = new Date('2033-01-15T06:00:00.000Z');
const start = (test: number) => addDays(T0, 100 * test);

let db: Database;

beforeAll(async () => {
  db = await createOwnTable('inactive');
});

afterAll(() => dropOwnTable(db));

const noPhotos = (): PhotoStorage => {
  throw new Error('no photo expected');
};
const run = (at: Date) => runInactiveAccounts({ db, appUrl: APP_URL, storage: noPhotos }, at);

async function warningsTo(email: string) {
  return (await listUnsentMail(db, new Date('2100-01-01'), 1000)).filter(
    (mail) => mail.to === email && mail.kind === 'account-inactive-warning',
  );
}

async function itemsMentioning(needles: string[]): Promise<Record<string, unknown>[]> {
  const { Items } = await db.doc.send(new ScanCommand({ TableName: db.tableName }));
  return (Items ?? []).filter((item) =>
    needles.some((needle) => JSON.stringify(item).includes(needle)),
  );
}

describe('inactive accounts', () => {
  it('warns 30 days before 24 months without activity, once, then erases the account at the date', async () => {
    // Prepare
    const email = uniqueEmail('dormant');
    const user = await createUser(
      db,
      { email, role: 'tenant', displayName: 'Marcel Dormeur', phone: '0692 00 11 22' },
      start(0),
    );
    const erasesAt = addMonths(start(0), 24);

    // Act
    const early = await run(addDays(erasesAt, -31));
    const warning = await run(addDays(erasesAt, -29));
    const again = await run(addDays(erasesAt, -20));
    const mails = await warningsTo(email);
    const erasure = await run(addHours(erasesAt, 1));
    const after = await run(addDays(erasesAt, 1));

    // Assess
    expect(early).toMatchObject({ warned: 0, erased: 0 });
    expect(warning).toMatchObject({ warned: 1, erased: 0 });
    expect(again).toMatchObject({ warned: 0, erased: 0 });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('sera supprimé le');
    expect(mails[0]!.text).toContain(`${APP_URL}/connexion`);
    expect(erasure).toMatchObject({ erased: 1, failed: 0 });
    expect(after).toMatchObject({ erased: 0, failed: 0 });
    expect(await getUser(db, user.id)).toBeUndefined();
    expect(await findUserByEmail(db, email)).toBeUndefined();
    // The warning, never sent on this table (no notifier), went with the account.
    expect(await itemsMentioning([user.id, email, 'Marcel Dormeur', '0692 00 11 22'])).toEqual([]);
  });

  it('keeps an account that signs in after the warning: its 24 months start again', async () => {
    // Prepare
    const email = uniqueEmail('revenu');
    const user = await createUser(db, { email, role: 'tenant' }, start(1));
    const erasesAt = addMonths(start(1), 24);
    await run(addDays(erasesAt, -29));

    // Act
    const signedInAt = addDays(erasesAt, -10);
    await recordActivity(db, (await getUser(db, user.id))!, signedInAt);
    const atFirstDate = await run(addHours(erasesAt, 1));
    const beforeNewDate = await run(addDays(addMonths(signedInAt, 24), -29));

    // Assess
    expect(atFirstDate).toMatchObject({ erased: 0, failed: 0 });
    expect(await getUser(db, user.id)).toMatchObject({ lastActiveAt: signedInAt.toISOString() });
    expect(beforeNewDate).toMatchObject({ warned: 1 });
    expect(await warningsTo(email)).toHaveLength(2);
  });

  it('keeps an account whose listing is still published: the listing’s last change counts as activity', async () => {
    // Prepare: a tenant registered long ago whose listing was renewed 20 months later.
    const email = uniqueEmail('annonce');
    const at = start(2);
    const user = await createUser(db, { email, role: 'tenant' }, at);
    const renewedAt = addMonths(at, 20);
    const deps = (now: Date) => ({
      db,
      now: () => now,
      appUrl: APP_URL,
      reference: async () => seedReferenceData,
    });
    const draft = await createListing(deps(at), user, listingInput());
    await changeListingStatus(deps(renewedAt), user, draft.id, 'publish');

    // Act
    const report = await run(addDays(addMonths(at, 24), -29));

    // Assess
    expect(report).toMatchObject({ warned: 0, moved: 1, erased: 0 });
    expect(await getUser(db, user.id)).toMatchObject({ lastActiveAt: renewedAt.toISOString() });
    expect(await warningsTo(email)).toEqual([]);
  });
});

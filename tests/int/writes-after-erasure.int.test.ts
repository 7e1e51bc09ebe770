/**
 * Stream handlers run after the request that caused them: a tenant may erase their account while a
 * proposal found for them is being queued, or a mail to them is being sent. Those late writes must
 * not bring back an item naming the erased account.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/lib/db/model';
import { markMailSent } from '../../functions/lib/db/outbox';
import { enqueueProposals, getDigestQueue } from '../../functions/lib/db/proposal-digests';
import { createUser } from '../../functions/lib/db/users';
import { stackDatabase, uniqueEmail } from '../support/stack';

describe('writes that follow an erasure', () => {
  it('queues proposals for an existing account, and nothing for an account that no longer exists', async () => {
    // Prepare
    const db = stackDatabase();
    const present = await createUser(db, { email: uniqueEmail(), role: 'tenant' }, new Date());
    const erasedId = ulid();

    // Act
    const queuedForPresent = await enqueueProposals(db, present.id, ['proposition-1']);
    const queuedForErased = await enqueueProposals(db, erasedId, ['proposition-2']);

    // Assess
    expect(queuedForPresent).toBe(true);
    expect((await getDigestQueue(db, present.id))?.matchIds).toEqual(['proposition-1']);
    expect(queuedForErased).toBe(false);
    expect(await getDigestQueue(db, erasedId)).toBeUndefined();
  });

  it('records nothing when a mail erased while it was being sent is marked sent', async () => {
    // Prepare: the mail's item was deleted with its recipient's account.
    const db = stackDatabase();
    const mailId = ulid();

    // Act
    await markMailSent(db, mailId, 'message-local-1', new Date());

    // Assess
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: keys.outbox(mailId), ConsistentRead: true }),
    );
    expect(Item).toBeUndefined();
  });
});

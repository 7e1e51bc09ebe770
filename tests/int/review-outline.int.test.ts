/**
 * A review item carries its swap's participants so that a lessor's queue reads a page in one batch
 * (docs/data-model.md, "Budget de requêtes par route"); a pseudonymised participant must not stay
 * named there.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/lib/db/model';
import { pseudonymiseSwap } from '../../functions/lib/retention/pseudonymise';
import { api, stackDatabase } from '../support/stack';
import { requestedSwap } from '../support/swap-fixture';

async function reviewItemsOf(swapId: string) {
  const db = stackDatabase();
  const { Items } = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :review)',
      ExpressionAttributeValues: { ':pk': keys.swap(swapId).pk, ':review': 'REVIEW#' },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
}

describe('review items carry their swap’s outline', () => {
  it('name every participant for the queue, and take the pseudonym of an erased one', async () => {
    // Prepare
    const swap = await requestedSwap('SHLMR');
    const confirmed = await api(`/swaps/${swap.swapId}/confirm`, {
      method: 'POST',
      token: swap.partner.token,
    });
    expect(confirmed.status).toBe(200);
    const before = await reviewItemsOf(swap.swapId);

    // Act
    await pseudonymiseSwap(stackDatabase(), swap.swapId, swap.requester.user.id, 'effacé-test');
    const after = await reviewItemsOf(swap.swapId);

    // Assess
    expect(before.length).toBeGreaterThan(0);
    for (const item of before)
      expect(item.swapMembers).toEqual(
        expect.arrayContaining([
          {
            listingId: swap.requester.listingId,
            ownerId: swap.requester.user.id,
            movesInto: swap.partner.listingId,
          },
          {
            listingId: swap.partner.listingId,
            ownerId: swap.partner.user.id,
            movesInto: swap.requester.listingId,
          },
        ]),
      );
    expect(after.length).toBe(before.length);
    expect(JSON.stringify(after)).not.toContain(swap.requester.user.id);
    for (const item of after)
      expect(item.swapMembers).toContainEqual({
        listingId: swap.requester.listingId,
        ownerId: 'effacé-test',
        movesInto: swap.partner.listingId,
      });
  }, 120_000);
});

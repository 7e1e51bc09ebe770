/**
 * Many proposals for one tenant without publishing as many listings: each partner a draft copy of
 * the fixture's partner, each proposal stored as the matcher stores one.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchPutAll } from '../../functions/lib/db/batch';
import { storeNewMatches, type StoredMatch } from '../../functions/lib/db/matches';
import { keys } from '../../functions/lib/db/model';
import { stackDatabase } from './stack';

/** `count` more proposals for the match's first participant, each with a listing of its own. */
export async function moreProposals(match: StoredMatch, count: number): Promise<void> {
  const [mine, theirs] = match.listingIds;
  const { Item: partner } = await stackDatabase().doc.send(
    new GetCommand({ TableName: stackDatabase().tableName, Key: keys.listing(theirs!) }),
  );
  // Drafts out of every index: no other proposal, queue entry or mail follows from them.
  const {
    gsi1pk: _a,
    gsi1sk: _b,
    gsi2pk: _c,
    gsi2sk: _d,
    gsi3pk: _e,
    gsi3sk: _f,
    ...dwelling
  } = partner!;
  const others = Array.from({ length: count }, () => {
    const id = randomUUID();
    return { ...dwelling, ...keys.listing(id), id, ownerId: randomUUID(), status: 'draft' };
  });
  await batchPutAll(stackDatabase(), others);
  const now = new Date().toISOString();
  const matches = others.map((other, i): StoredMatch => ({
    ...match,
    id: `budget${randomUUID().replace(/-/g, '').slice(0, 16)}`,
    key: `budget-${other.id}`,
    listingIds: [mine!, String(other.id)],
    participants: [
      { ...match.participants[0]!, interest: 'pending' },
      { listingId: String(other.id), ownerId: String(other.ownerId), interest: 'pending' },
    ],
    status: 'proposed',
    // Tenths, as the matcher rounds them (`roundScore`): the page orders by them.
    score: (400 - i) / 10,
    createdAt: now,
    updatedAt: now,
    version: 1,
  }));
  await storeNewMatches(stackDatabase(), matches, {
    listingId: mine!,
    count2: count + 1,
    count3: 0,
    wanters: 0,
    computedAt: now,
  });
}

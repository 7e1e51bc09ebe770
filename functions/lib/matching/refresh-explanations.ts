/**
 * A stored proposal keeps the explanation written when it was found; when a participant's listing
 * changes and the cycle still holds (or holds again), its explanation and score must follow — above
 * all the rent after the swap, which the lessor states at verification. Rewrites those of the
 * listing's live proposals that the index now explains differently.
 */
import type { Explanation, MatchingIndex } from '../../../shared/matching/index';
import type { Database } from '../db/client';
import { matchesOfListing, matchUpdateItems } from '../db/matches';
import { TransactionCollisionError, transactWrite } from '../db/transact';
import { ConflictError } from '../../../shared/errors';

export async function refreshExplanationsOf(
  deps: { db: Database; now: () => Date },
  index: MatchingIndex,
  listingId: string,
): Promise<number> {
  const live = (await matchesOfListing(deps.db, listingId)).filter(
    (m) => m.status === 'proposed' || m.status === 'mutual' || m.status === 'suspended',
  );
  let refreshed = 0;
  for (const match of live) {
    if (!match.listingIds.every((id) => index.has(id))) continue;
    const fresh = index.proposalOf({
      key: match.key,
      size: match.listingIds.length,
      score: match.score,
      listingIds: match.listingIds,
    });
    if (sameExplanations(fresh.explanations, match.explanations)) continue;
    // A concurrent answer wins; the next change of a participant refreshes it again. A collision
    // changed nothing: it fails the record and the stream retries the change.
    await transactWrite(
      deps.db,
      matchUpdateItems(
        deps.db,
        { ...match, explanations: fresh.explanations, updatedAt: deps.now().toISOString() },
        match.version,
      ),
    ).then(
      () => refreshed++,
      (error: unknown) => {
        if (!(error instanceof ConflictError) || error instanceof TransactionCollisionError)
          throw error;
      },
    );
  }
  return refreshed;
}

/** Compared participant by participant: a map read back from the table need not keep its key order. */
function sameExplanations(x: Record<string, Explanation>, y: Record<string, Explanation>): boolean {
  const ids = Object.keys(x);
  return (
    ids.length === Object.keys(y).length &&
    ids.every(
      (id) =>
        y[id] !== undefined &&
        x[id]!.summary === y[id].summary &&
        JSON.stringify(x[id]!.reasons) === JSON.stringify(y[id].reasons),
    )
  );
}

/** The mails of the step that sends a swap to its lessors' review (every participant confirmed). */
import type { Listing } from '../../../shared/schemas/listing';
import type { Swap } from '../../../shared/swap/lifecycle';
import type { TransactItem } from '../db/transact';
import * as mails from '../mail/swap-mails';
import type { SwapDeps } from './commit';
import { participantMails, staffMails } from './recipients';

export /** Once every participant confirmed: the participants learn the file went to the lessors, each lessor what to review. */
async function underReviewMails(
  deps: SwapDeps,
  after: Swap,
  listings: Map<string, Listing>,
  now: Date,
): Promise<TransactItem[]> {
  if (after.status !== 'under_review') return [];
  const toSend = await participantMails(
    deps.db,
    after,
    listings,
    () => mails.swapUnderReviewMail(deps.appUrl, after.id, after.dueAt!),
    'swap-under-review',
    now,
  );
  for (const lessorId of new Set(after.reviews.map((r) => r.lessorId))) {
    const households = after.reviews.filter((r) => r.lessorId === lessorId).length;
    toSend.push(
      ...(await staffMails(
        deps.db,
        'lessor',
        [lessorId],
        mails.reviewRequestedMail(deps.appUrl, after.id, after.dueAt!, households),
        'swap-review-requested',
        now,
      )),
    );
  }
  return toSend;
}

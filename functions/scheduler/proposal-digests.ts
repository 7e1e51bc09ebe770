/**
 * Daily: sends each tenant the proposals queued since their last digest, when their pace allows
 * (the first proposals of a day usually went at once from the fan-out; this job announces the
 * ones found later, the next morning, and the weekly digests). Owners come from a sparse index.
 */
import { ownersWithPendingProposals } from '../lib/db/proposal-digests';
import { sendDigestIfDue } from '../lib/matching/digest';
import type { AppContext } from '../lib/app-context';

export type ProposalDigestDeps = Pick<AppContext, 'db' | 'appUrl'>;

export interface ProposalDigestReport {
  queued: number;
  sent: number;
}

export async function runProposalDigests(
  deps: ProposalDigestDeps,
  now: Date,
): Promise<ProposalDigestReport> {
  const owners = await ownersWithPendingProposals(deps.db);
  let sent = 0;
  for (let start = 0; start < owners.length; start += 8) {
    const results = await Promise.all(
      owners
        .slice(start, start + 8)
        .map((ownerId) =>
          sendDigestIfDue({ db: deps.db, appUrl: deps.appUrl, now: () => now }, ownerId),
        ),
    );
    sent += results.filter(Boolean).length;
  }
  return { queued: owners.length, sent };
}

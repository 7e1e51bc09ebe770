/**
 * The rule a lessor's decision obeys on its own, before any swap is read: shared by the review
 * body's schema and the lifecycle, so it imports neither.
 */
import type { RefusalReason, ReviewDecision } from './statuses';

/** Checks a decision's own fields: a refusal needs a reason, "other" needs a comment. */
export function decisionIssues(input: {
  decision: Exclude<ReviewDecision, 'pending'>;
  reason?: RefusalReason;
  comment?: string;
}): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  if (input.decision === 'refused' && !input.reason)
    issues.push({ path: 'reason', message: 'Indiquez le motif du refus.' });
  if (input.decision !== 'refused' && input.reason)
    issues.push({ path: 'reason', message: 'Un motif ne s’indique que pour un refus.' });
  if (input.reason === 'other' && !input.comment?.trim())
    issues.push({ path: 'comment', message: 'Précisez le motif « autre » en commentaire.' });
  return issues;
}

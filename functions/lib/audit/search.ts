/**
 * Armos's audit screen, a page at a time. The period a first page resolves (by default the last 30
 * days) travels in the cursor, so that later pages keep it even as the days pass.
 */
import type { z } from 'zod';
import type { auditSearchQuerySchema } from '../../../shared/schemas/supervision';
import type { AuditItem } from '../db/audit';
import { searchAudit, type AuditPosition } from '../db/audit-search';
import type { CursorCodec } from '../pagination';
import type { AppContext } from '../app-context';

/** Without dates, the audit screen opens on the last 30 days. */
const DEFAULT_DAYS = 30;

export type AuditQuery = z.infer<typeof auditSearchQuerySchema>;

export async function searchAuditEntries(
  deps: Pick<AppContext, 'db' | 'now'>,
  query: AuditQuery,
  cursors: CursorCodec,
): Promise<{ items: AuditItem[]; nextCursor?: string }> {
  const scope = `audit:${JSON.stringify([query.actorId, query.action, query.from, query.to, query.limit])}`;
  const position = cursors.decode<AuditPosition & { from: string; to: string }>(
    scope,
    query.cursor,
  );
  const to = position?.to ?? (query.to ? `${query.to}T23:59:59.999Z` : deps.now().toISOString());
  const from =
    position?.from ??
    (query.from
      ? `${query.from}T00:00:00.000Z`
      : new Date(new Date(to).getTime() - DEFAULT_DAYS * 86_400_000).toISOString());
  const search = { actorId: query.actorId, action: query.action, from, to, limit: query.limit };
  const page = await searchAudit(deps.db, search, position);
  return {
    items: page.items,
    ...(page.next ? { nextCursor: cursors.encode(scope, { ...page.next, from, to }) } : {}),
  };
}

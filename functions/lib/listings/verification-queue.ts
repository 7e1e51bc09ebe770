/**
 * A lessor's verification queue, oldest first, a page at a time. Armos sees one lessor's queue, or
 * the first page of every lessor's merged (no cursor then: each queue pages on its own).
 */
import type { Listing } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';
import { listingsToVerify } from '../db/listings';
import type { CursorCodec } from '../pagination';
import type { AppContext } from '../app-context';

export interface VerificationQueueQuery {
  verification: Listing['verification'];
  /** Armos only: the lessor whose queue it reads. */
  lessorId?: string;
  limit: number;
  cursor?: string;
}

export async function verificationQueue(
  deps: Pick<AppContext, 'db' | 'reference'>,
  caller: User,
  query: VerificationQueueQuery,
  cursors: CursorCodec,
): Promise<{ items: Listing[]; nextCursor?: string }> {
  const lessorIds =
    caller.role === 'lessor'
      ? [caller.lessorId!]
      : query.lessorId
        ? [query.lessorId]
        : (await deps.reference()).lessors.map((lessor) => lessor.id);
  if (lessorIds.length === 1) {
    const scope = `lessor-queue:${lessorIds[0]}:${query.verification}`;
    const page = await listingsToVerify(deps.db, lessorIds[0]!, query.verification, {
      limit: query.limit,
      cursor: cursors.decode(scope, query.cursor),
    });
    return {
      items: page.listings,
      ...(page.cursor ? { nextCursor: cursors.encode(scope, page.cursor) } : {}),
    };
  }
  const pages = await Promise.all(
    lessorIds.map((id) =>
      listingsToVerify(deps.db, id, query.verification, { limit: query.limit }),
    ),
  );
  const items = pages
    .flatMap((page) => page.listings)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .slice(0, query.limit);
  return { items };
}

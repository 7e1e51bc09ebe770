/** At most one mail a day per tenant about new proposals; a proposal is announced once at most. */
import { formatInTimeZone } from '../time';
import type { Database } from '../db/client';
import { ENTITY, keys } from '../db/model';
import type { StoredMatch } from '../db/matches';
import { outboxPut } from '../db/outbox';
import { transactUnlessDone } from '../db/transact';
import { getUsers } from '../db/users';
import { noticeEmail } from '../mail/addresses';
import { proposalsDigestMail } from '../mail/match-mails';

export async function announceNewProposals(deps: { db: Database; now: () => Date; appUrl: string }, created: StoredMatch[]): Promise<number> {
  const perOwner = new Map<string, number>();
  for (const match of created) for (const p of match.participants) perOwner.set(p.ownerId, (perOwner.get(p.ownerId) ?? 0) + 1);
  const now = deps.now();
  const day = formatInTimeZone(now, 'yyyy-MM-dd');
  const owners = await getUsers(deps.db, perOwner.keys());
  const deliveries = [...perOwner].map(async ([ownerId, count]) => {
    const to = noticeEmail(owners.get(ownerId));
    if (!to) return false;
    const mail = proposalsDigestMail(deps.appUrl, count);
    // The day's digest marker and the mail in one transaction: a second digest that day is refused.
    return transactUnlessDone(deps.db, [
      {
        Put: {
          TableName: deps.db.tableName,
          Item: { ...keys.matchDigest(ownerId, day), entity: ENTITY.matchDigest, count, ttl: Math.floor(now.getTime() / 1000) + 7 * 86_400 },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      outboxPut(deps.db, { to, ...mail, kind: 'proposals-digest' }, now),
    ]);
  });
  return (await Promise.all(deliveries)).filter(Boolean).length;
}

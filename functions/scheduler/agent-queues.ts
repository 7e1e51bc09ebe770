/**
 * Daily: each reception agent gets one mail listing what waits on the tenants they assist, only on
 * days with something to do. A marker written in the mail's transaction makes it once a day,
 * whatever the retries.
 */
import { outboxPut } from '../lib/db/outbox';
import { agentQueueMailSentPut } from '../lib/db/sent-marks';
import { transactUnlessDone } from '../lib/db/transact';
import { listStaff } from '../lib/db/users';
import { agentQueue } from '../lib/listings/agent-queue';
import { reachableEmail } from '../lib/mail/addresses';
import { agentQueueMail } from '../lib/mail/agent-queue-mail';
import { formatInTimeZone } from '../lib/time';
import type { AppContext } from '../lib/app-context';

export type AgentQueueDeps = Pick<AppContext, 'db' | 'appUrl'>;

export interface AgentQueueReport {
  agents: number;
  mailed: number;
}

export async function runAgentQueues(deps: AgentQueueDeps, now: Date): Promise<AgentQueueReport> {
  const day = formatInTimeZone(now, 'yyyy-MM-dd');
  const agents = (await listStaff(deps.db, 'accueil')).filter((agent) => !agent.deactivatedAt);
  let mailed = 0;
  for (const agent of agents) {
    const to = reachableEmail(agent);
    if (!to) continue;
    const queue = await agentQueue(deps.db, agent.id);
    if (queue.total === 0) continue;
    const sent = await transactUnlessDone(deps.db, [
      agentQueueMailSentPut(deps.db, agent.id, day, now),
      outboxPut(deps.db, { to, ...agentQueueMail(deps.appUrl, queue), kind: 'agent-queue' }, now),
    ]);
    if (sent) mailed += 1;
  }
  return { agents: agents.length, mailed };
}

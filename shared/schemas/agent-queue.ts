/**
 * What a reception agent has to do for the tenants they assist (GET /assistance/queue, the daily
 * mail): proposals to answer, mutual proposals nobody turned into a swap request, swaps awaiting
 * the tenant's confirmation.
 */
import { z } from 'zod';
import { AGENT_QUEUE_KINDS } from '../match/agent-queue-kinds';

export * from '../match/agent-queue-kinds';

export const agentQueueItemSchema = z.object({
  kind: z.enum(AGENT_QUEUE_KINDS),
  matchId: z.string(),
  swapId: z.string().optional(),
});

export const agentQueueSchema = z
  .object({
    tenants: z.array(
      z.object({
        listingId: z.string(),
        name: z.string(),
        items: z.array(agentQueueItemSchema),
      }),
    ),
    /** Number of items over every tenant. */
    total: z.number(),
  })
  .meta({ id: 'AgentQueue' });

export type AgentQueueItem = z.infer<typeof agentQueueItemSchema>;
export type AgentQueue = z.infer<typeof agentQueueSchema>;

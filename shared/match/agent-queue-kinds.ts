/** What can wait on an assisted tenant, as an agent reads it. */
export const AGENT_QUEUE_KINDS = ['answer', 'request', 'confirm'] as const;
export type AgentQueueKind = (typeof AGENT_QUEUE_KINDS)[number];

export const AGENT_QUEUE_LABELS: Record<AgentQueueKind, string> = {
  answer: 'Proposition à laquelle répondre (oui ou non)',
  request: 'Tout le monde a dit oui : visite à organiser, puis échange à demander',
  confirm: 'Échange demandé : confirmation du locataire attendue',
};

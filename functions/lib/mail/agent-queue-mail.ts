/** The reception agent's morning mail: what waits on each tenant they assist, each with its link. */
import { AGENT_QUEUE_LABELS, type AgentQueue } from '../../../shared/schemas/agent-queue';
import { renderMail } from './layout';

const linkOf = (appUrl: string, item: AgentQueue['tenants'][number]['items'][number]) =>
  item.swapId
    ? `${appUrl}/echanges/${item.swapId}`
    : `${appUrl}/accueil/propositions/${item.matchId}`;

export function agentQueueMail(appUrl: string, queue: AgentQueue) {
  const people = queue.tenants.length;
  const blocks = queue.tenants.map((tenant) =>
    [
      `${tenant.name} (${tenant.items.length} à traiter) :`,
      ...tenant.items.map(
        (item) => `• ${AGENT_QUEUE_LABELS[item.kind]}\n  ${linkOf(appUrl, item)}`,
      ),
    ].join('\n'),
  );
  return renderMail({
    subject:
      queue.total > 1
        ? `À traiter aujourd’hui : ${queue.total} étapes pour les locataires que vous accompagnez`
        : 'À traiter aujourd’hui : une étape pour un locataire que vous accompagnez',
    paragraphs: [
      people > 1
        ? `${people} locataires que vous accompagnez attendent une action de votre part.`
        : 'Un locataire que vous accompagnez attend une action de votre part.',
      ...blocks,
      'Contactez chaque locataire avant d’agir : répondez, déclarez une visite, demandez ou confirmez un échange seulement avec son accord, et indiquez sur la page comment il l’a donné.',
    ],
    action: { label: 'Ouvrir mon espace accueil', url: `${appUrl}/accueil` },
  });
}

/** The "nouvelles propositions" mail: every proposal found since the previous one, each with its link. */
import type { ReferenceData } from '../../../shared/reference/index';
import type { ReceivedDwelling } from '../../../shared/listing/views';
import type { ProposalFrequency } from '../../../shared/schemas/user';
import { renderMail } from './layout';

export interface AnnouncedProposal {
  matchId: string;
  kind: '2-way' | '3-way' | string;
  /** The dwelling the tenant would move into. */
  receives?: ReceivedDwelling;
}

/** Past this many lines the mail names the rest by their number: the page lists them all. */
export const DIGEST_MAX_LINES = 30;

const KIND_LABELS: Record<string, string> = {
  '2-way': 'Échange direct',
  '3-way': 'Échange à trois',
  chain: 'Chaîne de mutation (logement vacant d’un bailleur)',
};

function describe(proposal: AnnouncedProposal, reference: ReferenceData | undefined): string {
  const kind = KIND_LABELS[proposal.kind] ?? 'Échange';
  const dwelling = proposal.receives;
  if (!dwelling) return kind;
  const place = [
    reference?.communes.find((c) => c.code === dwelling.communeCode)?.name,
    reference?.quartiers.find((q) => q.id === dwelling.quartierId)?.name,
  ].filter(Boolean);
  return `${kind} : ${dwelling.typology} de ${dwelling.surface} m²${place.length ? `, ${place.join(' — ')}` : ''}, loyer après échange ${dwelling.nextTotalRent} € par mois charges comprises`;
}

export function proposalsDigestMail(
  appUrl: string,
  proposals: AnnouncedProposal[],
  frequency: ProposalFrequency,
  reference?: ReferenceData,
) {
  const count = proposals.length;
  const shown = proposals.slice(0, DIGEST_MAX_LINES);
  const lines = shown.map(
    (p) => `• ${describe(p, reference)}\n  ${appUrl}/propositions/${p.matchId}`,
  );
  const rest = count - shown.length;
  return renderMail({
    subject:
      count > 1
        ? `${count} nouvelles propositions d’échange`
        : 'Une nouvelle proposition d’échange',
    paragraphs: [
      count > 1
        ? `Nous avons trouvé ${count} nouveaux échanges possibles avec votre logement depuis notre dernier message :`
        : 'Nous avons trouvé un nouvel échange possible avec votre logement :',
      lines.join('\n'),
      ...(rest > 0
        ? [
            `Et ${rest} autre${rest > 1 ? 's' : ''} : vous les trouverez toutes sur votre page de propositions.`,
          ]
        : []),
      'Regardez les logements proposés et dites oui ou non : si tous les participants disent oui, vous pourrez vous écrire et organiser les visites.',
      frequency === 'weekly'
        ? 'Vous recevez au plus un message de ce type par semaine. Vous pouvez changer cela dans « Mon compte ».'
        : 'Vous recevez au plus un message de ce type par jour. Vous pouvez changer cela dans « Mon compte ».',
    ],
    action: { label: 'Voir mes propositions', url: `${appUrl}/propositions` },
  });
}

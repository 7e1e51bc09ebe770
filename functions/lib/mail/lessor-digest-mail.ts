/** The lessor agents' daily digest: listings waiting for their verification, reviews due within 7 days. */
import { formatInTimeZone } from '../time';
import { renderMail } from './layout';

export interface DueReview {
  swapId: string;
  dueAt: string;
}

export interface LessorDigest {
  lessorName: string;
  pendingVerifications: number;
  /** Creation date of the oldest listing waiting, when there is one. */
  oldestPendingAt?: string;
  /** Open reviews due within the horizon (overdue ones included), nearest deadline first. */
  dueReviews: DueReview[];
}

const day = (iso: string) => formatInTimeZone(new Date(iso), 'dd/MM/yyyy');
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** Past this many, the mail names the rest by their number: the queue lists them all. */
const MAX_LINES = 20;

export function lessorDigestMail(appUrl: string, digest: LessorDigest, now: Date) {
  const parts = [
    ...(digest.pendingVerifications > 0
      ? [plural(digest.pendingVerifications, 'annonce à vérifier', 'annonces à vérifier')]
      : []),
    ...(digest.dueReviews.length > 0
      ? [plural(digest.dueReviews.length, 'examen à rendre', 'examens à rendre')]
      : []),
  ];
  const overdue = (review: DueReview) => new Date(review.dueAt).getTime() < now.getTime();
  const lines = digest.dueReviews
    .slice(0, MAX_LINES)
    .map(
      (review) =>
        `• ${overdue(review) ? 'EN RETARD depuis le' : 'avant le'} ${day(review.dueAt)} : ${appUrl}/echanges/${review.swapId}`,
    );
  const rest = digest.dueReviews.length - lines.length;
  return renderMail({
    subject: `${digest.lessorName} : ${parts.join(' et ')}`,
    paragraphs: [
      `Voici le point du jour pour ${digest.lessorName} sur Échange Kaz.`,
      ...(digest.pendingVerifications > 0
        ? [
            `${plural(digest.pendingVerifications, 'annonce attend', 'annonces attendent')} votre vérification${digest.oldestPendingAt ? ` (la plus ancienne déposée le ${day(digest.oldestPendingAt)})` : ''}. Vérifiez que chaque annonce décrit bien le logement d’un de vos locataires, et indiquez le loyer du foyer qui entrerait : ${appUrl}/bailleur`,
          ]
        : []),
      ...(digest.dueReviews.length > 0
        ? [
            `Examens des foyers entrants à rendre dans les 7 jours :\n${lines.join('\n')}${rest > 0 ? `\net ${rest} autre${rest > 1 ? 's' : ''} dans votre file` : ''}`,
          ]
        : []),
      'Vous recevez ce message les jours où quelque chose vous attend ; rien les autres jours.',
    ],
    action: { label: 'Ouvrir l’espace bailleur', url: `${appUrl}/bailleur` },
  });
}

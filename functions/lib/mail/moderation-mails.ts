/** Mails of moderation: a report to Armos, a suspension and its end told to the tenant. */
import { renderMail } from './layout';

export function reportToArmosMail(
  appUrl: string,
  context: { reason: string; matchId: string; reportedListingId: string; messageText?: string },
) {
  return renderMail({
    subject: 'Signalement d’un participant',
    paragraphs: [
      'Un locataire a signalé un autre participant d’une proposition d’échange.',
      `Motif donné : « ${context.reason} »`,
      ...(context.messageText ? [`Message signalé : « ${context.messageText} »`] : []),
      `Proposition : ${context.matchId}. Annonce signalée : ${context.reportedListingId}.`,
      'Vous pouvez suspendre l’annonce signalée depuis la page des signalements ; son titulaire sera prévenu du motif.',
    ],
    action: { label: 'Voir les signalements', url: `${appUrl}/armos/signalements` },
  });
}

export function listingSuspendedMail(appUrl: string, reason: string) {
  return renderMail({
    subject: 'Votre annonce est suspendue',
    paragraphs: [
      'Armos, l’association qui veille sur la bourse d’échange pour les bailleurs sociaux, a suspendu votre annonce.',
      `Motif : « ${reason} »`,
      'Tant qu’elle est suspendue, votre annonce ne reçoit plus de propositions et vos propositions en cours sont en pause.',
      'Si vous pensez qu’il s’agit d’une erreur, ou pour en parler, adressez-vous à un point d’accueil : il transmettra à Armos.',
    ],
    action: { label: 'Trouver un point d’accueil', url: `${appUrl}/points-accueil` },
  });
}

export function listingReinstatedMail(appUrl: string) {
  return renderMail({
    subject: 'Votre annonce est de nouveau en ligne',
    paragraphs: [
      'Armos a levé la suspension de votre annonce. Elle reçoit de nouveau des propositions d’échange.',
    ],
    action: { label: 'Voir mon annonce', url: `${appUrl}/mon-annonce` },
  });
}

/** Mails about a tenant's listing. */
import { renderMail } from './layout';

export function listingVerifiedMail(appUrl: string) {
  return renderMail({
    subject: 'Votre annonce est vérifiée par votre bailleur',
    paragraphs: [
      'Votre bailleur a vérifié que le logement de votre annonce est bien le vôtre.',
      'Quand une proposition d’échange vous plaît et que tout le monde dit oui, vous pourrez demander l’échange.',
    ],
    action: { label: 'Voir mes propositions', url: `${appUrl}/propositions` },
  });
}

export function listingRejectedMail(appUrl: string, reason: string) {
  return renderMail({
    subject: 'Votre bailleur n’a pas pu vérifier votre annonce',
    paragraphs: [
      'Votre bailleur n’a pas pu confirmer que le logement de l’annonce est bien le vôtre. Tant que ce n’est pas corrigé, l’annonce ne participe à aucun échange.',
      `Motif indiqué : ${reason}`,
      'Vérifiez votre référence de bail et le numéro du logement (ils figurent sur votre avis d’échéance), corrigez l’annonce : elle repartira en vérification.',
    ],
    action: { label: 'Corriger mon annonce', url: `${appUrl}/mon-annonce` },
  });
}

export function listingPublishedMail(appUrl: string, expiresAt: Date) {
  return renderMail({
    subject: 'Votre annonce est publiée',
    paragraphs: [
      'Votre annonce est en ligne. Nous cherchons dès maintenant des échanges à deux et à trois qui vous conviennent.',
      `Elle restera publiée jusqu’au ${expiresAt.toLocaleDateString('fr-FR', { timeZone: 'Indian/Reunion' })} ; nous vous préviendrons avant.`,
      'Votre bailleur va vérifier que le logement est bien le vôtre.',
    ],
    action: { label: 'Voir mon annonce', url: `${appUrl}/mon-annonce` },
  });
}

/** Mails of a listing's expiry: reminders before, notice at the date, each with the renewal link. */
import { renderMail } from './layout';

const frenchDate = (date: Date) =>
  date.toLocaleDateString('fr-FR', {
    timeZone: 'Indian/Reunion',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

export function expiryReminderMail(renewUrl: string, expiresAt: Date, daysLeft: number) {
  const when = daysLeft <= 1 ? 'demain' : `dans ${daysLeft} jours`;
  return renderMail({
    subject: `Votre annonce expire ${when}`,
    paragraphs: [
      `Votre annonce d’échange de logement sera retirée de la bourse le ${frenchDate(expiresAt)}.`,
      'Vous cherchez toujours à échanger ? Prolongez-la de 6 mois d’un clic, sans vous connecter : vous gardez vos propositions en cours.',
      'Si vous ne cherchez plus, ne faites rien : elle s’arrêtera d’elle-même.',
    ],
    action: { label: 'Prolonger mon annonce de 6 mois', url: renewUrl },
  });
}

export function listingExpiredMail(renewUrl: string) {
  return renderMail({
    subject: 'Votre annonce a expiré',
    paragraphs: [
      'Votre annonce d’échange de logement a atteint ses 6 mois : elle ne participe plus à la recherche d’échanges.',
      'Vous cherchez toujours ? Remettez-la en ligne pour 6 mois d’un clic, sans vous connecter.',
    ],
    action: { label: 'Remettre mon annonce en ligne', url: renewUrl },
  });
}

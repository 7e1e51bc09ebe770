/** The warning before an unused tenant account is erased. */
import { renderMail } from './layout';

const frenchDate = (date: Date) =>
  date.toLocaleDateString('fr-FR', {
    timeZone: 'Indian/Reunion',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

export function inactiveAccountWarningMail(appUrl: string, erasesAt: Date) {
  return renderMail({
    subject: 'Votre compte Échange Kaz sera supprimé faute de connexion',
    paragraphs: [
      'Vous ne vous êtes pas connecté(e) à Échange Kaz depuis bientôt deux ans.',
      `Pour ne pas garder vos données plus longtemps que nécessaire, votre compte sera supprimé le ${frenchDate(erasesAt)} : votre annonce sera retirée, vos coordonnées, messages et photos effacés.`,
      'Vous voulez garder votre compte ? Il suffit de vous connecter avant cette date. Sinon, vous n’avez rien à faire.',
    ],
    action: { label: 'Me connecter', url: `${appUrl}/connexion` },
  });
}

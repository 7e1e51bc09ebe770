/** The product's mails, in French, each saying what to do next. */
import { LOGIN_TOKEN_MINUTES } from '../auth/login-token';
import { renderMail } from './layout';

export function signInMail(appUrl: string, token: string) {
  return renderMail({
    subject: 'Votre lien de connexion à Échange Kaz',
    paragraphs: [
      'Vous avez demandé à vous connecter à Échange Kaz, la bourse d’échange de logements sociaux du Nord.',
      `Ce lien est valable ${LOGIN_TOKEN_MINUTES} minutes et ne sert qu’une fois.`,
      'Si vous n’avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce lien.',
    ],
    action: { label: 'Me connecter', url: `${appUrl}/connexion?token=${token}` },
  });
}

export function staffWelcomeMail(appUrl: string, roleLabel: string) {
  return renderMail({
    subject: 'Votre compte Échange Kaz est ouvert',
    paragraphs: [
      `Armos vous a ouvert un compte « ${roleLabel} » sur Échange Kaz.`,
      'Pour vous connecter, indiquez votre adresse e-mail sur la page de connexion : vous recevrez un lien à usage unique. Il n’y a pas de mot de passe.',
    ],
    action: { label: 'Aller à la page de connexion', url: `${appUrl}/connexion` },
  });
}

export const ROLE_LABELS: Record<string, string> = {
  tenant: 'Locataire',
  accueil: "Agent d'accueil",
  lessor: 'Agent de bailleur',
  armos: 'Coordination Armos',
  cinor: 'CINOR (statistiques)',
};

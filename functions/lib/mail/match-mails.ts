/** Mails about proposals and matched tenants. */
import { renderMail } from './layout';

export function mutualMatchMail(appUrl: string, matchId: string) {
  return renderMail({
    subject: 'Tout le monde a dit oui : organisez les visites',
    paragraphs: [
      'Tous les participants d’une proposition d’échange ont dit oui.',
      'Vous pouvez maintenant leur écrire depuis la plateforme et organiser les visites. Leurs coordonnées s’affichent sur la proposition dès que chaque logement a été vérifié par son bailleur. Après les visites, l’un de vous peut demander l’échange à vos bailleurs.',
    ],
    action: { label: 'Voir la proposition', url: `${appUrl}/propositions/${matchId}` },
  });
}

export function newMessageMail(appUrl: string, matchId: string) {
  return renderMail({
    subject: 'Nouveau message sur votre proposition d’échange',
    paragraphs: [
      'Un participant de votre proposition d’échange vous a écrit.',
      'Pour votre sécurité, répondez depuis la plateforme.',
    ],
    action: { label: 'Lire le message', url: `${appUrl}/propositions/${matchId}` },
  });
}

export function answerReminderMail(appUrl: string, matchId: string) {
  return renderMail({
    subject: 'Une proposition d’échange attend votre réponse',
    paragraphs: [
      'Il y a trois jours, nous vous avons proposé un échange de logement. Les autres participants attendent votre réponse.',
      'Dites oui si le logement vous intéresse, non sinon : dans les deux cas, cela ne prend qu’un instant et permet à chacun d’avancer.',
    ],
    action: { label: 'Répondre à la proposition', url: `${appUrl}/propositions/${matchId}` },
  });
}

export function swapNudgeMail(appUrl: string, matchId: string) {
  return renderMail({
    subject: 'Où en est votre échange ?',
    paragraphs: [
      'Il y a une semaine, tous les participants d’une proposition d’échange ont dit oui. Personne n’a encore demandé l’échange à vos bailleurs.',
      'Si les visites se sont bien passées, l’un de vous peut demander l’échange depuis la page de la proposition : chacun confirme ensuite, puis les bailleurs examinent le dossier.',
      'Si vous n’avez pas encore visité, écrivez aux autres participants depuis la plateforme pour fixer une date. Si le logement ne vous convient pas, dites-le sur la même page : les autres seront prévenus et pourront passer à d’autres propositions.',
    ],
    action: { label: 'Voir la proposition', url: `${appUrl}/propositions/${matchId}` },
  });
}

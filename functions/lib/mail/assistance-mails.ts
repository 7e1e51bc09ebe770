/** Mails about the end of a reception agent's delegation. */
import { renderMail } from './layout';

/** To the agent: they no longer have access to the listing. */
export function assistanceEndedAgentMail(appUrl: string, endedBy: 'tenant' | 'armos') {
  return renderMail({
    subject: 'Fin de l’accompagnement d’une annonce',
    paragraphs: [
      endedBy === 'tenant'
        ? 'Le locataire que vous accompagniez a mis fin à votre accompagnement pour son annonce.'
        : 'Armos a mis fin à votre accompagnement pour l’une des annonces que vous gériez.',
      'Vous n’avez plus accès à cette annonce, à ses propositions ni à ses échanges. Si le locataire a de nouveau besoin d’aide, il peut revenir vers son point d’accueil.',
    ],
    action: { label: 'Voir les annonces que je gère', url: `${appUrl}/accueil` },
  });
}

/** To the tenant, when Armos ended it: they now manage the listing themself. */
export function assistanceEndedTenantMail(appUrl: string) {
  return renderMail({
    subject: 'Votre annonce n’est plus gérée par un point d’accueil',
    paragraphs: [
      'Armos a mis fin à l’accompagnement de votre annonce par un agent d’accueil. L’agent n’y a plus accès.',
      'Vous gérez désormais votre annonce vous-même. Si vous avez besoin d’aide, un point d’accueil peut vous recevoir.',
    ],
    action: { label: 'Voir mon annonce', url: `${appUrl}/mon-annonce` },
  });
}

/** Mails about vacancies, to the lessor agent who offered one. */
import { renderMail } from './layout';

export function vacancyExpiredMail(appUrl: string, label: string) {
  return renderMail({
    subject: 'Votre logement vacant n’est plus proposé à la mutation',
    paragraphs: [
      `Le logement vacant ${label} était proposé à la mutation depuis 60 jours : la proposition a pris fin.`,
      'Les chaînes de déménagements qu’il ouvrait ne sont plus proposées aux locataires.',
      'S’il est toujours libre, vous pouvez le proposer de nouveau pour 60 jours depuis la page des logements vacants ; sinon, il retourne à votre attribution habituelle.',
    ],
    action: { label: 'Voir mes logements vacants', url: `${appUrl}/bailleur/logements-vacants` },
  });
}

/** Mails after a visit. */
import { renderMail } from './layout';

/** To the other participants when one of them found, after visiting, that the dwelling does not suit them. */
export function visitDeclinedMail(appUrl: string) {
  return renderMail({
    subject: 'La visite n’a pas donné suite',
    paragraphs: [
      'Après sa visite, un participant de votre proposition d’échange a indiqué que le logement ne correspond pas à ce qu’il cherche. Cette proposition est donc close.',
      'Ce n’est pas un jugement sur votre logement : un logement convient ou non à un foyer pour beaucoup de raisons. Merci pour le temps que vous avez donné à cette visite.',
      'Votre annonce reste en ligne et continue de recevoir des propositions ; nous vous écrirons dès qu’un nouvel échange sera possible.',
    ],
    action: { label: 'Voir mes autres propositions', url: `${appUrl}/propositions` },
  });
}

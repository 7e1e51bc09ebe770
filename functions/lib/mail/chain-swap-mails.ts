/** Mails proper to a chain of mutation's swap: the lessor of the released dwelling learns when it is free. */
import { formatInTimeZone } from '../time';
import { renderMail } from './layout';

/** `dwelling` names the dwelling as its lessor knows it (typology, place, its own reference). */
export function dwellingReleasedMail(
  appUrl: string,
  swapId: string,
  dwelling: string,
  effectiveDate: string,
) {
  const on = formatInTimeZone(new Date(`${effectiveDate}T12:00:00Z`), 'dd/MM/yyyy');
  return renderMail({
    subject: `Un de vos logements est libéré par une chaîne de mutation le ${on}`,
    paragraphs: [
      `La chaîne de mutation est réalisée : son dernier foyer quitte votre logement ${dwelling}, qui est libre à compter du ${on}.`,
      'Ce logement vous revient pour votre attribution habituelle (ou pour le proposer à son tour comme logement vacant). L’échange et son dossier restent consultables depuis le lien ci-dessous.',
    ],
    action: { label: 'Voir l’échange', url: `${appUrl}/echanges/${swapId}` },
  });
}

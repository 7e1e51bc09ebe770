/** Mails about swaps: each says what happened and what happens next. */
import { REFUSAL_REASON_LABELS, type RefusalReason } from '../../../shared/swap/lifecycle';
import { formatInTimeZone } from '../time';
import { renderMail } from './layout';

const day = (iso: string) => formatInTimeZone(new Date(iso), 'dd/MM/yyyy');
const link = (appUrl: string, swapId: string) => `${appUrl}/echanges/${swapId}`;

/** The requester's name goes in the body only: a subject is what spam filters and phishing play on. */
export function swapRequestedMail(appUrl: string, swapId: string, requester: string) {
  return renderMail({
    subject: 'Un participant a demandé l’échange : confirmez',
    paragraphs: [
      `${requester} a demandé à vos bailleurs l’échange de logements que vous avez tous accepté.`,
      'Confirmez à votre tour que vous voulez échanger : quand tous les participants auront confirmé, le dossier partira chez les bailleurs pour examen. Tant que l’échange est en cours, votre annonce n’apparaît plus dans d’autres propositions.',
      'Si vous ne voulez plus échanger, vous pouvez annuler la demande depuis la même page.',
    ],
    action: { label: 'Confirmer l’échange', url: link(appUrl, swapId) },
  });
}

export function swapRequestSentMail(appUrl: string, swapId: string) {
  return renderMail({
    subject: 'Votre demande d’échange est enregistrée',
    paragraphs: [
      'Votre demande d’échange est enregistrée et vous l’avez confirmée.',
      'Les autres participants doivent maintenant la confirmer ; ensuite, le dossier partira chez les bailleurs pour examen. Nous vous écrirons à chaque étape.',
    ],
    action: { label: 'Suivre l’échange', url: link(appUrl, swapId) },
  });
}

export function swapUnderReviewMail(appUrl: string, swapId: string, dueAt: string) {
  return renderMail({
    subject: 'Échange confirmé par tous : dossier transmis aux bailleurs',
    paragraphs: [
      'Tous les participants ont confirmé l’échange. Le dossier est transmis à vos bailleurs.',
      `Chaque bailleur examine le foyer qui entrerait dans son logement et doit répondre avant le ${day(dueAt)}. Il peut vous demander des pièces complémentaires. Nous vous écrirons dès qu’une décision sera prise.`,
    ],
    action: { label: 'Suivre l’échange', url: link(appUrl, swapId) },
  });
}

export function reviewRequestedMail(
  appUrl: string,
  swapId: string,
  dueAt: string,
  households: number,
) {
  return renderMail({
    subject: `Nouvel échange à examiner avant le ${day(dueAt)}`,
    paragraphs: [
      households > 1
        ? `${households} foyers demandent à entrer dans vos logements dans le cadre d’un échange de la bourse Échange Kaz.`
        : 'Un foyer demande à entrer dans l’un de vos logements dans le cadre d’un échange de la bourse Échange Kaz.',
      `Examinez le dossier (composition du foyer, occupation, revenus déclarés) et enregistrez votre décision avant le ${day(dueAt)} : accord, refus motivé ou demande de pièces. Le dossier PDF pour la CALEOL est téléchargeable depuis la même page.`,
    ],
    action: { label: 'Examiner le dossier', url: link(appUrl, swapId) },
  });
}

export function documentsRequestedMail(appUrl: string, swapId: string, comment?: string) {
  return renderMail({
    subject: 'Votre futur bailleur demande des pièces pour l’échange',
    paragraphs: [
      'Le bailleur du logement dans lequel vous entreriez demande des pièces complémentaires pour examiner votre dossier.',
      ...(comment ? [`Son message : « ${comment} »`] : []),
      'Envoyez-les-lui ou déposez-les à votre point d’accueil au plus vite : l’échange reste en cours d’examen en attendant.',
    ],
    action: { label: 'Voir l’échange', url: link(appUrl, swapId) },
  });
}

export function swapApprovedMail(appUrl: string, swapId: string, forLessor: boolean) {
  return renderMail({
    subject: 'Échange accepté par tous les bailleurs',
    paragraphs: forLessor
      ? [
          'Tous les bailleurs ont accepté cet échange de logements.',
          'Organisez les états des lieux et les nouveaux baux avec les foyers, puis enregistrez la date d’effet de l’échange sur la plateforme.',
        ]
      : [
          'Bonne nouvelle : tous les bailleurs ont accepté votre échange de logements.',
          'Vos bailleurs vont vous contacter pour les états des lieux et la signature des nouveaux baux. L’échange sera terminé quand ils auront enregistré la date d’effet.',
        ],
    action: { label: 'Voir l’échange', url: link(appUrl, swapId) },
  });
}

export function swapRefusedMail(
  appUrl: string,
  swapId: string,
  forLessor: boolean,
  reason?: RefusalReason,
  ownHousehold = false,
) {
  const why =
    reason && (forLessor || ownHousehold) ? [`Motif : ${REFUSAL_REASON_LABELS[reason]}.`] : [];
  return renderMail({
    subject: 'Échange refusé',
    paragraphs: forLessor
      ? [
          'Un bailleur a refusé cet échange de logements : le dossier est clos.',
          ...why,
          'Les annonces des foyers sont de nouveau publiées.',
        ]
      : [
          'Un bailleur a refusé l’échange de logements que vous aviez demandé.',
          ...why,
          'Votre annonce est de nouveau publiée : vos autres propositions reviennent et de nouvelles peuvent arriver. Votre point d’accueil peut vous aider à comprendre cette décision.',
        ],
    action: {
      label: forLessor ? 'Voir le dossier' : 'Voir mes propositions',
      url: forLessor ? link(appUrl, swapId) : `${appUrl}/propositions`,
    },
  });
}

export function swapCompletedMail(
  appUrl: string,
  swapId: string,
  effectiveDate: string,
  forLessor: boolean,
) {
  const on = formatInTimeZone(new Date(`${effectiveDate}T12:00:00Z`), 'dd/MM/yyyy');
  return renderMail({
    subject: 'Échange de logements réalisé',
    paragraphs: forLessor
      ? [`L’échange est enregistré comme réalisé, avec effet au ${on}. Les annonces sont closes.`]
      : [
          `Votre échange de logements est enregistré, avec effet au ${on}. Bienvenue chez vous !`,
          'Votre annonce est close. Si vous souhaitez un jour changer à nouveau de logement, vous pourrez en publier une nouvelle.',
        ],
    action: { label: 'Voir l’échange', url: link(appUrl, swapId) },
  });
}

export function swapCancelledMail(
  appUrl: string,
  swapId: string,
  forLessor: boolean,
  byArmos: boolean,
) {
  return renderMail({
    subject: 'Échange annulé',
    paragraphs: forLessor
      ? ['Cet échange de logements a été annulé : vous n’avez plus à l’examiner.']
      : [
          byArmos
            ? 'La coordination Armos a annulé l’échange de logements en cours.'
            : 'Un participant a annulé l’échange de logements en cours.',
          'Votre annonce est de nouveau publiée : vos autres propositions reviennent et de nouvelles peuvent arriver.',
        ],
    action: {
      label: forLessor ? 'Voir le dossier' : 'Voir mes propositions',
      url: forLessor ? link(appUrl, swapId) : `${appUrl}/propositions`,
    },
  });
}

export function reviewReminderMail(appUrl: string, swapId: string, dueAt: string) {
  return renderMail({
    subject: `Rappel : un échange attend votre décision avant le ${day(dueAt)}`,
    paragraphs: [
      `Un dossier d’échange de logements attend votre décision, à rendre avant le ${day(dueAt)}.`,
      'Sans décision à cette date, le dossier sera signalé à la coordination Armos.',
    ],
    action: { label: 'Examiner le dossier', url: link(appUrl, swapId) },
  });
}

export function reviewEscalatedMail(
  appUrl: string,
  swapId: string,
  lessorName: string,
  dueAt: string,
) {
  return renderMail({
    subject: `Examen d’échange en retard : ${lessorName}`,
    paragraphs: [
      `${lessorName} n’a pas rendu sa décision sur un dossier d’échange dont l’échéance était le ${day(dueAt)}.`,
      'Relancez le bailleur ou enregistrez la décision à sa place depuis la page du dossier.',
    ],
    action: { label: 'Voir le dossier', url: link(appUrl, swapId) },
  });
}

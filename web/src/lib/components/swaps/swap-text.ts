/**
 * The French words of a swap's follow-up: its status, who is who ("vous", "participant 2",
 * "foyer 1" for staff), which household enters which dwelling, the timeline's steps and the next
 * step in one sentence. Pure functions, so the wording is tested without a browser.
 */
import { formatEuros } from '$lib/format';
import type { ReferenceNames } from '$lib/services/reference';
import type {
  SwapParticipantView,
  SwapReviewView,
  SwapStatus,
  SwapView,
} from '$lib/services/swaps';
import { DECISION_LABELS, REFUSAL_REASON_LABELS, isAwaitingDecision } from '$shared/swap/lifecycle';

export { DECISION_LABELS, REFUSAL_REASON_LABELS };

export const STATUS_TITLES: Record<SwapStatus, string> = {
  awaiting_confirmations: 'En attente des confirmations',
  under_review: 'En cours d’examen par les bailleurs',
  approved: 'Accepté par les bailleurs',
  completed: 'Échange réalisé',
  refused: 'Échange refusé',
  cancelled: 'Échange annulé',
};

export const STATUS_TONES: Record<SwapStatus, 'info' | 'success' | 'error'> = {
  awaiting_confirmations: 'info',
  under_review: 'info',
  approved: 'success',
  completed: 'success',
  refused: 'error',
  cancelled: 'error',
};

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeZone: 'Indian/Reunion',
});
const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** A moment (ISO timestamp) as a day in La Réunion: "12 janvier 2026". */
export const formatMoment = (iso: string) => dateFormat.format(new Date(iso));
/** A calendar day (AAAA-MM-JJ) as written: "12 janvier 2026". */
export const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

/** Staff see households ("foyer 1"); a tenant sees "vous" and the others by position. */
export function nameOf(swap: SwapView, listingId: string, staff: boolean): string {
  const index = swap.participants.findIndex((p) => p.listingId === listingId);
  const participant = swap.participants[index];
  if (participant?.isMe) return 'vous';
  return `${staff ? 'foyer' : 'participant'} ${index + 1}`;
}

export const participantOf = (swap: SwapView, listingId: string): SwapParticipantView | undefined =>
  swap.participants.find((p) => p.listingId === listingId);

/** "T3 Beauséjour" */
export const placeOf = (
  dwelling: Pick<SwapParticipantView['dwelling'], 'typology' | 'quartierId'>,
  names: ReferenceNames,
) => `${dwelling.typology} ${names.quartier(dwelling.quartierId)}`;

/** The dwelling a household enters: a participant's, or a chain's vacancy (which nobody leaves). */
export function enteredOf(
  swap: SwapView,
  listingId: string,
): { dwelling: SwapParticipantView['dwelling']; participant?: SwapParticipantView } | undefined {
  if (swap.chain?.vacancyId === listingId) return { dwelling: swap.chain.vacancy };
  const participant = participantOf(swap, listingId);
  return participant ? { dwelling: participant.dwelling, participant } : undefined;
}

/** A chain in move order: the vacancy first, each move, the dwelling released (with its date once known). */
export function chainSteps(swap: SwapView, names: ReferenceNames, staff: boolean): string[] {
  const chain = swap.chain;
  if (!chain) return [];
  const lessor = (id: string) => (staff ? ` (${names.lessor(id)})` : '');
  const released = participantOf(swap, chain.released.listingId);
  const moves = swap.participants.map((p) => {
    const target = participantOf(swap, p.movesInto);
    const into = !target
      ? 'le logement vacant'
      : target.isMe
        ? 'votre logement'
        : `le logement du ${nameOf(swap, p.movesInto, staff)}`;
    const who = capitalize(nameOf(swap, p.listingId, staff));
    return `${who} ${p.isMe ? 'quittez' : 'quitte'} le ${placeOf(p.dwelling, names)}${lessor(p.dwelling.lessorId)} pour ${into}.`;
  });
  const freeFrom = chain.released.freeFrom
    ? `libre le ${formatDay(chain.released.freeFrom)}`
    : 'libre à la date d’effet de l’échange';
  return [
    `Logement vacant : ${placeOf(chain.vacancy, names)}, ${chain.vacancy.surface} m² (${names.lessor(chain.vacancyLessorId)}), proposé à la mutation par son bailleur.`,
    ...moves,
    `Logement libéré : le ${released ? placeOf(released.dwelling, names) : placeOf(chain.released, names)}${lessor(chain.released.lessorId)} revient à son bailleur, ${freeFrom}.`,
  ];
}

/** "Vous emménagez dans le T3 Beauséjour", "Participant 3 emménage dans votre logement (T1 Centre-ville)". */
export function moveSentence(
  swap: SwapView,
  review: Pick<SwapReviewView, 'listingId' | 'incomingListingId'>,
  names: ReferenceNames,
  staff: boolean,
): string {
  const incoming = participantOf(swap, review.incomingListingId);
  const entered = enteredOf(swap, review.listingId);
  if (!incoming || !entered) return '';
  const who = incoming.isMe
    ? 'Vous emménagez'
    : `${capitalize(nameOf(swap, incoming.listingId, staff))} emménage`;
  if (!entered.participant)
    return `${who} dans le logement vacant ${placeOf(entered.dwelling, names)}`;
  if (entered.participant.isMe)
    return `${who} dans votre logement (${placeOf(entered.dwelling, names)})`;
  return `${who} dans le ${placeOf(entered.dwelling, names)}${staff ? ` du ${nameOf(swap, entered.participant.listingId, staff)}` : ''}`;
}

/** "Refusé : Dossier incomplet", "Accepté", "En attente". */
export function decisionText(review: SwapReviewView): string {
  const label = capitalize(DECISION_LABELS[review.decision]);
  return review.reason ? `${label} : ${REFUSAL_REASON_LABELS[review.reason]}` : label;
}

export type StepState = 'done' | 'current' | 'upcoming' | 'stopped' | 'skipped';
export type StepId = 'request' | 'confirmations' | 'review' | 'decision' | 'move';

export const STEP_TITLES: Record<StepId, string> = {
  request: 'Demande',
  confirmations: 'Confirmations',
  review: 'Examen par les bailleurs',
  decision: 'Décision',
  move: 'Emménagement',
};

export const STEP_STATE_LABELS: Record<StepState, string> = {
  done: 'terminé',
  current: 'en cours',
  upcoming: 'à venir',
  stopped: 'arrêté ici',
  skipped: 'non atteint',
};

const STEPS: StepId[] = ['request', 'confirmations', 'review', 'decision', 'move'];

/** Where the swap stands: the step in progress, or the one where it stopped. */
function position(swap: SwapView): { index: number; stopped: boolean } {
  switch (swap.status) {
    case 'awaiting_confirmations':
      return { index: 1, stopped: false };
    case 'under_review':
      return { index: 2, stopped: false };
    case 'approved':
      return { index: 4, stopped: false };
    case 'completed':
      return { index: STEPS.length, stopped: false };
    case 'refused':
      return { index: 3, stopped: true };
    case 'cancelled':
      return { index: swap.approvedAt ? 4 : swap.underReviewAt ? 2 : 1, stopped: true };
  }
}

export function stepsOf(swap: SwapView): { id: StepId; title: string; state: StepState }[] {
  const { index, stopped } = position(swap);
  return STEPS.map((id, i) => {
    const state: StepState =
      i < index
        ? 'done'
        : i > index
          ? stopped
            ? 'skipped'
            : 'upcoming'
          : stopped
            ? 'stopped'
            : 'current';
    return { id, title: STEP_TITLES[id], state };
  });
}

/** The earliest deadline among the reviews still waiting (optionally only those listed). */
function earliestDue(reviews: SwapReviewView[]): string | undefined {
  return reviews.map((r) => r.dueAt).sort()[0];
}

/** What happens next, in one sentence, for whoever looks. */
export function nextStep(swap: SwapView, names: ReferenceNames, staff: boolean): string {
  const waiting = swap.reviews.filter(isAwaitingDecision);
  switch (swap.status) {
    case 'awaiting_confirmations': {
      const missing = swap.participants.filter((p) => !p.confirmed).length;
      const base = `En attente de la confirmation de ${plural(missing, 'participant', 'participants')}`;
      return swap.actions.confirm
        ? `${base}, dont la vôtre : confirmez l’échange pour qu’il parte chez les bailleurs.`
        : `${base}. Les bailleurs examineront la demande dès que tout le monde aura confirmé.`;
    }
    case 'under_review':
      return staff ? staffReviewStep(swap, waiting) : tenantReviewStep(swap, waiting, names);
    case 'approved':
      return swap.actions.complete
        ? 'Tous les bailleurs ont accepté. Enregistrez la date d’effet une fois l’emménagement fait.'
        : 'Tous les bailleurs ont accepté l’échange. Ils organisent avec vous l’emménagement et enregistreront sa date d’effet.';
    case 'completed':
      return `Échange réalisé : emménagement le ${swap.effectiveDate ? formatDay(swap.effectiveDate) : '(date non indiquée)'}.`;
    case 'refused':
      return 'Un bailleur a refusé l’échange. Les annonces sont de nouveau publiées et leurs autres propositions reviennent.';
    case 'cancelled':
      return 'La demande a été annulée. Les annonces sont de nouveau publiées et leurs autres propositions reviennent.';
  }
}

function staffReviewStep(swap: SwapView, waiting: SwapReviewView[]): string {
  const mine = waiting.filter((r) => swap.actions.review.includes(r.listingId));
  const list = mine.length > 0 ? mine : waiting;
  const due = earliestDue(list);
  const when = due ? ` : réponse attendue avant le ${formatMoment(due)}` : '';
  if (mine.length > 0)
    return `${plural(mine.length, 'dossier attend', 'dossiers attendent')} votre décision${when}.`;
  return `En attente de la décision ${waiting.length > 1 ? `de ${waiting.length} dossiers` : 'd’un dossier'} chez les autres bailleurs${when}.`;
}

function tenantReviewStep(
  swap: SwapView,
  waiting: SwapReviewView[],
  names: ReferenceNames,
): string {
  const mine = swap.reviews.find((r) => participantOf(swap, r.incomingListingId)?.isMe);
  if (mine && isAwaitingDecision(mine)) {
    const lessor = names.lessor(mine.lessorId);
    const due = formatMoment(mine.dueAt);
    if (mine.decision === 'documents_requested') {
      return `Votre futur bailleur (${lessor}) demande des pièces${mine.comment ? ` : « ${mine.comment} »` : ''}. Envoyez-les-lui : réponse attendue avant le ${due}.`;
    }
    return `Votre futur bailleur (${lessor}) examine votre dossier : réponse attendue avant le ${due}.`;
  }
  const due = earliestDue(waiting);
  const others = `En attente de ${waiting.length > 1 ? `${waiting.length} autres décisions` : 'une autre décision'} des bailleurs${due ? ` : réponse attendue avant le ${formatMoment(due)}` : ''}.`;
  return mine ? `Votre futur bailleur a accepté votre dossier. ${others}` : others;
}

type CeilingCheck = NonNullable<SwapReviewView['info']>['ceilingCheck'];

const categoryOf = (check: { category?: number }) =>
  check.category ? `, ménage de catégorie ${check.category}` : '';

/** The income-ceiling pre-check in words; never assumed when the table is missing. */
export function ceilingText(
  check: CeilingCheck,
  financing: string,
): { text: string; warn: boolean } {
  switch (check.status) {
    case 'not_configured':
      return {
        text: 'Plafonds de ressources non configurés pour cette année : vérification à faire dans votre outil',
        warn: true,
      };
    case 'income_unknown':
      return {
        text: `Revenu non déclaré : comparez-le au plafond ${check.year} (${financing}) dans votre outil.`,
        warn: true,
      };
    case 'below':
      return {
        text: `Revenu fiscal de référence ${formatEuros(check.income)} : sous le plafond ${check.year} du financement ${financing} (${formatEuros(check.ceiling)} par an${categoryOf(check)}).`,
        warn: false,
      };
    case 'above':
      return {
        text: `Revenu fiscal de référence ${formatEuros(check.income)} : au-dessus du plafond ${check.year} du financement ${financing} (${formatEuros(check.ceiling)} par an${categoryOf(check)}). Information, pas un motif de refus automatique.`,
        warn: true,
      };
  }
}

/** "2 adultes, 1 enfant : 3 occupants" */
export function householdText(info: {
  adults: number;
  children: number;
  occupants: number;
}): string {
  const children = info.children === 0 ? 'sans enfant' : plural(info.children, 'enfant', 'enfants');
  return `${plural(info.adults, 'adulte', 'adultes')}, ${children} : ${plural(info.occupants, 'occupant', 'occupants')}`;
}

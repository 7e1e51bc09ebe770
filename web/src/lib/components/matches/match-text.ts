/**
 * The French words of "Mes propositions": status labels, the counts sentence, who answered,
 * the chain of homes, and what to change when there is no proposal. Pure functions, so the
 * wording is tested without a browser (match-text.test.ts).
 */
import type { MatchFilter } from '$shared/match/shown-page';
import type { ListingStatus } from '$shared/schemas/listing';
import type { MatchCounts, MatchParticipantView, MatchView } from '$lib/services/matches';
import type { ReferenceNames } from '$lib/services/reference';

type MatchStatus = MatchView['status'];
type Interest = MatchParticipantView['interest'];

export const MATCH_STATUS_LABELS: Record<MatchStatus, string> = {
  proposed: 'en attente de réponses',
  mutual: 'tout le monde a dit oui',
  declined: 'refusée',
  engaged: 'échange demandé',
  closed: 'n’est plus possible',
  suspended: 'en pause',
};

export const MATCH_STATUS_TONES: Record<MatchStatus, 'info' | 'success' | 'error'> = {
  proposed: 'info',
  mutual: 'success',
  declined: 'error',
  engaged: 'success',
  closed: 'error',
  suspended: 'info',
};

const INTEREST_LABELS: Record<Interest, string> = {
  pending: 'pas encore répondu',
  yes: 'oui',
  no: 'non',
};

const numbers = new Intl.NumberFormat('fr-FR');
export const formatCount = (value: number) => numbers.format(value);

const plural = (count: number, one: string, many: string) =>
  `${formatCount(count)} ${count > 1 ? many : one}`;

/** "37 échanges directs et 2 140 échanges à trois possibles : en voici 87, les meilleurs d’abord." */
export function countsSentence(counts: Pick<MatchCounts, 'count2' | 'count3' | 'stored'>): string {
  const direct =
    counts.count2 === 0
      ? 'Aucun échange direct'
      : plural(counts.count2, 'échange direct', 'échanges directs');
  const triple =
    counts.count3 === 0
      ? 'aucun échange à trois'
      : plural(counts.count3, 'échange à trois', 'échanges à trois');
  const total = counts.count2 + counts.count3;
  const possible = total > 1 ? 'possibles' : 'possible';
  const all = total === 1 ? 'la voici' : 'les voici, les meilleurs d’abord';
  const shown =
    counts.stored < total ? `en voici ${formatCount(counts.stored)}, les meilleurs d’abord` : all;
  if (total === 0) return `${direct} et ${triple} possible pour l’instant.`;
  return `${direct} et ${triple} ${possible} : ${counts.stored === 0 ? 'leur liste est en cours de calcul' : shown}.`;
}

/** "12 annonces voudraient votre logement." */
export function wantersSentence(wanters: number): string {
  if (wanters === 0) return 'Aucune annonce ne cherche pour l’instant un logement comme le vôtre.';
  return `${plural(wanters, 'annonce voudrait', 'annonces voudraient')} votre logement.`;
}

export const myParticipant = (match: MatchView) =>
  match.participants.find((participant) => participant.isMe);

/** "Vous", or "Participant 2": the API's own numbering in messages (position in the cycle). */
export const participantName = (participant: MatchParticipantView, index: number) =>
  participant.isMe ? 'Vous' : `Participant ${index + 1}`;

export function answersOf(
  match: MatchView,
): { name: string; answer: string; interest: Interest }[] {
  return match.participants.map((participant, index) => ({
    name: participantName(participant, index),
    answer: INTEREST_LABELS[participant.interest],
    interest: participant.interest,
  }));
}

export type { MatchFilter };

export const FILTERS: { value: MatchFilter; label: string }[] = [
  { value: 'all', label: 'Toutes' },
  { value: 'awaiting-me', label: 'En attente de ma réponse' },
  { value: 'mutual', label: 'Tout le monde a dit oui' },
];

export function keepMatch(match: MatchView, filter: MatchFilter): boolean {
  if (filter === 'awaiting-me')
    return match.status === 'proposed' && myParticipant(match)?.interest === 'pending';
  if (filter === 'mutual') return match.status === 'mutual' || match.status === 'engaged';
  return true;
}

export const canAnswer = (match: MatchView) =>
  match.status === 'proposed' || match.status === 'mutual';

/** "T4 à Bellepierre (Saint-Denis)" */
export function placeOf(home: MatchParticipantView['receives'], names: ReferenceNames): string {
  return `${home.typology} à ${names.quartier(home.quartierId)} (${names.commune(home.communeCode)})`;
}

export interface ChainStop {
  /** Short label drawn in the picture ("Vous", "T4"). */
  short: string;
  /** "T4 Bellepierre", or "vous" for the tenant's own home. */
  label: string;
}

/**
 * The homes in moving order, starting from the tenant's own: the API lists participants in the
 * cycle's order and each one `receives` the next one's dwelling.
 */
export function chainOf(match: MatchView, names: ReferenceNames): ChainStop[] {
  const start = Math.max(
    0,
    match.participants.findIndex((participant) => participant.isMe),
  );
  const stops: ChainStop[] = [{ short: 'Vous', label: 'vous' }];
  for (let step = 0; step < match.participants.length - 1; step++) {
    const mover = match.participants[(start + step) % match.participants.length]!;
    stops.push({
      short: mover.receives.typology,
      label: `${mover.receives.typology} ${names.quartier(mover.receives.quartierId)}`,
    });
  }
  return stops;
}

/** "vous → T4 Bellepierre → T2 Le Butor → vous" */
export const chainArrows = (stops: ChainStop[]) =>
  [...stops, stops[0]!].map((stop) => stop.label).join(' → ');

/** The full sentence for screen readers. */
export function chainSentence(stops: ChainStop[]): string {
  const [, first, second] = stops;
  if (!first) return '';
  if (!second)
    return `Échange direct : vous emménagez dans le ${first.label}, et son locataire emménage dans votre logement.`;
  return `Échange à trois : vous emménagez dans le ${first.label} ; son locataire emménage dans le ${second.label} ; le locataire du ${second.label} emménage dans votre logement.`;
}

export interface NoMatchAdvice {
  title: string;
  text: string;
  link?: { href: string; label: string };
}

/**
 * Why there is no proposal, from what is known (the listing's status and the counts): the API
 * cannot simulate other wishes, so the advice names the lever without promising a number.
 */
export function noMatchAdvice(
  counts: MatchCounts | null,
  listingStatus: ListingStatus | null,
): NoMatchAdvice {
  if (!counts || !listingStatus) {
    return {
      title: 'Vous n’avez pas encore d’annonce',
      text: 'Les propositions d’échange sont cherchées pour les annonces publiées. Déposez la vôtre : elle est comparée aux autres dès sa publication.',
      link: { href: '/mon-annonce/nouvelle', label: 'Déposer mon annonce' },
    };
  }
  if (listingStatus !== 'published') {
    return {
      title: 'Votre annonce n’est pas publiée',
      text: 'Seules les annonces publiées (ni brouillon, ni expirées, ni en pause) reçoivent des propositions. Publiez ou prolongez votre annonce depuis « Mon annonce ».',
      link: { href: '/mon-annonce', label: 'Voir mon annonce' },
    };
  }
  if (counts.count2 + counts.count3 > 0) {
    return {
      title: 'Vos propositions sont en cours de calcul',
      text: 'Des échanges sont possibles : rechargez la page dans quelques instants.',
    };
  }
  if (counts.wanters > 0) {
    return {
      title: 'Pas encore de proposition',
      text: `${plural(counts.wanters, 'locataire veut', 'locataires veulent')} votre logement, mais aucun ne propose ce que vous cherchez : élargissez les quartiers, les communes ou les typologies de vos souhaits, ou relevez votre loyer maximum.`,
      link: { href: '/mon-annonce/modifier', label: 'Modifier mes souhaits' },
    };
  }
  return {
    title: 'Pas encore de proposition',
    text: 'Aucune annonce publiée ne cherche pour l’instant un logement comme le vôtre : élargir vos souhaits ne suffirait donc pas, car tout échange commence par quelqu’un qui veut votre logement. Nous vous écrirons dès qu’une proposition apparaît.',
    link: { href: '/mon-annonce', label: 'Vérifier mon annonce' },
  };
}

export interface VacancyChainStep {
  /** "Logement vacant : T5 à Bellepierre (Saint-Denis)", or "Logement du participant 1 : …". */
  home: string;
  /** Who moves into it: "Vous" or "Participant 2". */
  mover: string;
  mine: boolean;
}

/**
 * A chain in move order: the vacancy first, then each participant's home, which the next one
 * enters (functions/lib/matching/views.ts: participant i receives the vacancy or i − 1's dwelling).
 */
export function vacancyChainSteps(
  match: MatchView,
  names: ReferenceNames,
): { steps: VacancyChainStep[]; released: string } {
  const steps = match.participants.map((participant, index) => ({
    home:
      index === 0
        ? `Logement vacant : ${placeOf(participant.receives, names)}`
        : `Logement ${homeOwner(match.participants[index - 1]!, index - 1)} : ${placeOf(participant.receives, names)}`,
    mover: participantName(participant, index),
    mine: participant.isMe,
  }));
  const last = match.participants.length - 1;
  const released = match.released
    ? `${match.released.typology} à ${names.quartier(match.released.quartierId)}`
    : '';
  return {
    steps,
    released: `Logement ${homeOwner(match.participants[last]!, last)}${released ? ` (${released})` : ''} : il revient à son bailleur, qui l’attribue comme d’habitude.`,
  };
}

const homeOwner = (participant: MatchParticipantView, index: number) =>
  participant.isMe ? 'actuel (le vôtre)' : `du participant ${index + 1}`;

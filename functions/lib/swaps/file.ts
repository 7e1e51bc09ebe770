/**
 * The exchange file for the allocation commission (CALEOL): every household (composition, declared
 * income, reason for moving), every dwelling, who moves where, the dates, the review information
 * and the decisions so far. For the lessors concerned and Armos only; a dwelling's tenancy and
 * dwelling numbers appear only to its own lessor (and Armos).
 */
import { ForbiddenError } from '../../../shared/errors';
import type { ReferenceData } from '../../../shared/reference/index';
import type { Listing } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';
import {
  DECISION_LABELS,
  REFUSAL_REASON_LABELS,
  SWAP_STATUS_LABELS,
  type Swap,
} from '../../../shared/swap/lifecycle';
import { ceilingLabelForLessor } from '../../../shared/swap/ceiling-text';
import { ceilingTableOf, reviewInfo } from '../../../shared/swap/review-info';
import { nextRentDiffers, nextTotalRentOf } from '../../../shared/listing/next-rent';
import { getListings } from '../db/listings';
import { getSwap } from '../db/swaps';
import { getUser } from '../db/users';
import { contactOf, enteredDwelling } from './views';
import { formatInTimeZone } from '../time';
import { assertViewer, isStaffViewer } from './access';
import type { SwapDeps } from './commit';
import { PdfWriter } from './pdf-writer';

const euros = (value: number) =>
  `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: Number.isInteger(value) ? 0 : 2, maximumFractionDigits: 2 }).format(value)} €`;
const when = (iso?: string) => (iso ? formatInTimeZone(new Date(iso), 'dd/MM/yyyy') : '-');
const calendarDay = (day?: string) => (day ? day.split('-').reverse().join('/') : '-');
const floorLabel = (floor: number) =>
  floor === 0 ? 'rez-de-chaussée' : floor < 0 ? `sous-sol (${floor})` : `${floor}e étage`;

export async function exchangeFile(
  deps: SwapDeps,
  caller: User,
  swapId: string,
): Promise<Uint8Array> {
  const swap = await getSwap(deps.db, swapId);
  const listings = await getListings(
    deps.db,
    swap.participants.map((p) => p.listingId),
  );
  const viewer = assertViewer(caller, swap, listings);
  if (!isStaffViewer(viewer))
    throw new ForbiddenError('Le dossier PDF est réservé aux bailleurs concernés et à Armos.');
  const owners = new Map<string, User | undefined>();
  for (const p of swap.participants) owners.set(p.ownerId, await getUser(deps.db, p.ownerId));
  return renderFile(swap, listings, owners, await deps.reference(), caller, deps.now());
}

export async function renderFile(
  swap: Swap,
  listings: Map<string, Listing>,
  owners: Map<string, User | undefined>,
  ref: ReferenceData,
  caller: User,
  now: Date,
): Promise<Uint8Array> {
  const name = {
    commune: (code: string) => ref.communes.find((c) => c.code === code)?.name ?? code,
    quartier: (id: string) => ref.quartiers.find((q) => q.id === id)?.name ?? id,
    lessor: (id: string) => ref.lessors.find((l) => l.id === id)?.name ?? id,
    motive: (id: string) => ref.motives.find((m) => m.id === id)?.label ?? id,
  };
  const ceilings = ceilingTableOf(ref.incomeCeilings, now.getUTCFullYear());
  const household = (listingId: string) =>
    `Foyer ${swap.participants.findIndex((p) => p.listingId === listingId) + 1}`;
  const vacancy = swap.chain?.vacancy;
  const dwellingOf = (listingId: string) => {
    const isVacancy = listingId === swap.chain?.vacancyId;
    const d = isVacancy ? vacancy! : listings.get(listingId)!.dwelling;
    return `${isVacancy ? 'logement vacant' : 'logement'} ${name.lessor(d.lessorId)} ${d.typology} (${name.quartier(d.quartierId)}, ${name.commune(d.communeCode)})`;
  };
  const pdf = await PdfWriter.create(
    `Dossier d’échange ${swap.id}`,
    `Échange Kaz - dossier ${swap.id} - édité le ${formatInTimeZone(now, 'dd/MM/yyyy HH:mm')} - document confidentiel`,
  );

  pdf.title('Dossier d’échange de logements sociaux');
  pdf.paragraph(
    'Bourse d’échange de la CINOR (Échange Kaz) - dossier préparé pour la commission d’attribution (CALEOL).',
    true,
  );
  pdf.rows([
    ['Référence', swap.id],
    [
      'Type',
      swap.kind === 'chain'
        ? `Chaîne de mutation : ${swap.participants.length} foyer(s) déménagent à partir d’un logement vacant`
        : swap.kind === '2-way'
          ? 'Échange direct entre deux foyers'
          : 'Échange en chaîne entre trois foyers',
    ],
    ['État', SWAP_STATUS_LABELS[swap.status]],
    ['Demandé le', `${when(swap.createdAt)} par le ${household(swap.requestedBy)}`],
    [
      'Confirmations',
      swap.participants
        .map(
          (p) =>
            `${household(p.listingId)} : ${p.confirmed ? `le ${when(p.confirmedAt)}` : 'en attente'}`,
        )
        .join(' ; '),
    ],
    ['Transmis aux bailleurs', when(swap.underReviewAt)],
    ['Décision attendue avant le', when(swap.dueAt)],
    ...(swap.effectiveDate
      ? ([['Date d’effet', calendarDay(swap.effectiveDate)]] as Array<[string, string]>)
      : []),
  ]);

  pdf.heading('Qui va où');
  if (swap.chain)
    pdf.paragraph(
      `Le ${dwellingOf(swap.chain.vacancyId)} est proposé à la mutation par son bailleur ; chaque foyer entre dans le logement que le précédent quitte.`,
    );
  for (const p of swap.participants)
    pdf.paragraph(
      `${household(p.listingId)} : quitte le ${dwellingOf(p.listingId)} pour le ${dwellingOf(p.movesInto)}.`,
    );
  if (swap.chain)
    pdf.paragraph(
      `Logement libéré : le ${dwellingOf(swap.chain.released.listingId)} revient à son bailleur${swap.effectiveDate ? `, libre le ${calendarDay(swap.effectiveDate)}` : ' à la date d’effet de l’échange'}.`,
    );

  pdf.heading('Les foyers');
  for (const p of swap.participants) {
    const listing = listings.get(p.listingId)!;
    const owner = owners.get(p.ownerId);
    const { displayName, email, phone } = contactOf(owner, listing);
    const contact = [displayName, email, phone].filter(Boolean).join(' - ');
    pdf.subheading(
      `${household(p.listingId)}${listing.assistance ? ' (accompagné par un point d’accueil)' : ''}`,
      4,
    );
    pdf.rows([
      ['Titulaire', contact || 'non renseigné'],
      [
        'Composition',
        `${listing.household.adults} adulte(s), ${listing.household.children} enfant(s)`,
      ],
      [
        'Revenu fiscal déclaré',
        listing.household.income !== undefined
          ? `${euros(listing.household.income)} par an`
          : 'non déclaré',
      ],
      ['Motif de la demande', name.motive(listing.motive)],
    ]);
  }

  pdf.heading('Les logements');
  const ownLessor = (lessorId: string) => caller.role === 'armos' || caller.lessorId === lessorId;
  for (const p of swap.participants) {
    const listing = listings.get(p.listingId)!;
    const d = listing.dwelling;
    pdf.subheading(`Logement du ${household(p.listingId)} - ${name.lessor(d.lessorId)}`, 7);
    pdf.rows([
      [
        'Adresse (commune, quartier)',
        `${name.commune(d.communeCode)}, ${name.quartier(d.quartierId)}`,
      ],
      ...(ownLessor(d.lessorId)
        ? ([['Bail / logement n°', `${d.tenancyRef} / ${d.dwellingRef}`]] as Array<
            [string, string]
          >)
        : []),
      ['Typologie, surface', `${d.typology}, ${d.surface} m²`],
      [
        'Loyer + charges',
        `${euros(d.rent)} + ${euros(d.charges)} = ${euros(d.rent + d.charges)} par mois`,
      ],
      [
        'Loyer après échange',
        `${euros(nextTotalRentOf(listing))} par mois charges comprises${nextRentDiffers(listing) ? ' (fixé par le bailleur à la vérification)' : ' (inchangé)'}`,
      ],
      [
        'Étage',
        `${floorLabel(d.floor)}${d.lift ? ', ascenseur' : ''}${d.accessible ? ', accessible PMR' : ''}`,
      ],
      ['Financement', d.financing],
    ]);
  }

  if (swap.chain && vacancy) {
    pdf.subheading(`Logement vacant - ${name.lessor(vacancy.lessorId)}`, 7);
    pdf.rows([
      [
        'Adresse (commune, quartier)',
        `${name.commune(vacancy.communeCode)}, ${name.quartier(vacancy.quartierId)}`,
      ],
      ...(ownLessor(vacancy.lessorId)
        ? ([['Logement n°', vacancy.dwellingRef]] as Array<[string, string]>)
        : []),
      ['Typologie, surface', `${vacancy.typology}, ${vacancy.surface} m²`],
      [
        'Loyer + charges',
        `${euros(vacancy.rent)} + ${euros(vacancy.charges)} = ${euros(vacancy.rent + vacancy.charges)} par mois`,
      ],
      [
        'Étage',
        `${floorLabel(vacancy.floor)}${vacancy.lift ? ', ascenseur' : ''}${vacancy.accessible ? ', accessible PMR' : ''}`,
      ],
      ['Financement', vacancy.financing],
    ]);
  }

  pdf.heading('Examen par les bailleurs');
  if (swap.reviews.length === 0)
    pdf.paragraph(
      'Les bailleurs examineront le dossier quand tous les participants auront confirmé.',
      true,
    );
  for (const review of swap.reviews) {
    const incoming = listings.get(review.incomingListingId)!;
    const entered = enteredDwelling(swap, review, { listings })!;
    const info = reviewInfo(incoming.household, entered, ceilings);
    pdf.subheading(
      `${household(review.incomingListingId)} entrant dans le ${dwellingOf(review.listingId)}`,
      7,
    );
    pdf.rows([
      [
        'Occupation',
        `${info.occupants} occupant(s) pour ${info.rooms} pièce(s) et ${info.surface} m² (minimum ${info.minSurface} m²)${info.overOccupied ? ' - sur-occupation' : ''}${info.underOccupied ? ' - sous-occupation' : ''}`,
      ],
      [
        'Revenu fiscal déclaré',
        info.declaredIncome !== undefined ? `${euros(info.declaredIncome)} par an` : 'non déclaré',
      ],
      ['Plafond de ressources', ceilingLabelForLessor(info.ceilingCheck)],
      [
        'Décision',
        `${DECISION_LABELS[review.decision]}${review.decidedAt ? ` le ${when(review.decidedAt)}` : ''}${review.reason ? ` - ${REFUSAL_REASON_LABELS[review.reason]}` : ''}`,
      ],
      ...(review.comment ? ([['Commentaire', review.comment]] as Array<[string, string]>) : []),
      ['Date de CALEOL', calendarDay(review.caleolDate)],
      ['Échéance', `${when(review.dueAt)}${review.escalated ? ' (signalé à Armos)' : ''}`],
    ]);
  }
  return pdf.bytes();
}

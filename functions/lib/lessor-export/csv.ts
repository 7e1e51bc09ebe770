/**
 * A lessor's own work as CSV for French Excel (`;`, decimal comma, UTF-8 byte order mark, CRLF):
 * its verifications (every listing of its dwellings with its verification state and the rent after
 * the swap) and its reviews (each household entering one of its dwellings: dates, decision, days
 * from request to decision, overdue).
 */
import { stringify } from 'csv-stringify/sync';
import { nextTotalRentOf } from '../../../shared/listing/next-rent';
import type { Listing } from '../../../shared/schemas/listing';
import {
  DECISION_LABELS,
  REFUSAL_REASON_LABELS,
  SWAP_STATUS_LABELS,
  isOverdue,
  type Swap,
  type SwapReview,
} from '../../../shared/swap/lifecycle';
import { formatInTimeZone } from '../time';

const BOM = '\uFEFF';
type Cell = string | number | undefined;

const frenchNumber = (value: Cell): string =>
  value === undefined ? '' : typeof value === 'number' ? String(value).replace('.', ',') : value;
const day = (iso?: string) => (iso ? formatInTimeZone(new Date(iso), 'dd/MM/yyyy') : undefined);

export function toFrenchCsv(header: string[], rows: Cell[][]): string {
  return (
    BOM +
    stringify([header, ...rows.map((row) => row.map(frenchNumber))], {
      delimiter: ';',
      record_delimiter: '\r\n',
    })
  );
}

const VERIFICATION_LABELS: Record<Listing['verification'], string> = {
  pending: 'à vérifier',
  verified: 'vérifiée',
  rejected: 'rejetée',
};

export function verificationsCsv(listings: Listing[]): string {
  return toFrenchCsv(
    [
      'Annonce',
      'Référence de bail',
      'N° de logement',
      'Déposée le',
      'Vérification',
      'Motif du rejet',
      'Loyer actuel (charges comprises)',
      'Loyer après échange (charges comprises)',
      'État de l’annonce',
    ],
    listings.map((l) => [
      l.id,
      l.dwelling.tenancyRef,
      l.dwelling.dwellingRef,
      day(l.createdAt),
      VERIFICATION_LABELS[l.verification],
      l.verificationReason,
      l.dwelling.rent + l.dwelling.charges,
      nextTotalRentOf(l),
      l.status,
    ]),
  );
}

const DAY_MS = 86_400_000;

export function reviewsCsv(rows: { swap: Swap; review: SwapReview }[], now: Date): string {
  return toFrenchCsv(
    [
      'Échange',
      'État de l’échange',
      'Logement examiné (annonce)',
      'Foyer entrant (annonce)',
      'Demandé le',
      'À rendre avant le',
      'Décision',
      'Motif',
      'Décidé le',
      'Jours de la demande à la décision',
      'En retard',
      'Date de CALEOL',
    ],
    rows.map(({ swap, review }) => [
      swap.id,
      SWAP_STATUS_LABELS[swap.status],
      review.listingId,
      review.incomingListingId,
      day(swap.createdAt),
      day(review.dueAt),
      DECISION_LABELS[review.decision],
      review.reason ? REFUSAL_REASON_LABELS[review.reason] : undefined,
      day(review.decidedAt),
      review.decidedAt
        ? Math.round(
            ((new Date(review.decidedAt).getTime() - new Date(swap.createdAt).getTime()) / DAY_MS) *
              10,
          ) / 10
        : undefined,
      swap.status === 'under_review' && isOverdue(review, now) ? 'oui' : 'non',
      review.caleolDate?.split('-').reverse().join('/'),
    ]),
  );
}

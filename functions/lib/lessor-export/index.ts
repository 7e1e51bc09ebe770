/** A lessor's exports of its own work (CSV for Excel), by name — what the API's routes reach. */
import { reviewsExport, verificationsExport } from './service';

export const LessorExport = {
  verifications: verificationsExport,
  reviews: reviewsExport,
} as const;

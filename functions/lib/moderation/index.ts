/** What Armos and participants can do about conduct, by name — the use cases the API's routes reach. */
import { listReports, reportParticipant } from './reports';
import { reinstateListing, suspendListing } from './suspension';

export const Moderation = {
  report: reportParticipant,
  reports: listReports,
  suspend: suspendListing,
  reinstate: reinstateListing,
} as const;

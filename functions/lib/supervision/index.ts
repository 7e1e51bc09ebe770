/** What Armos supervises, by name — the use cases the API's routes reach. */
import { supervisionDashboard } from './dashboard';

export const Supervision = {
  dashboard: supervisionDashboard,
} as const;

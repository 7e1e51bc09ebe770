/** The recommendation plan, by name — what the API's routes reach (the optimiser writes it). */
import { latestPlan } from './latest';

export const Plan = {
  latest: latestPlan,
} as const;

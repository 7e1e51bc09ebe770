/**
 * What can be done with a lessor's vacant dwelling, by name — the use cases the API's routes
 * reach. Each takes the part of the application context it reads, then the caller.
 */
import { listVacancies, postVacancy, renewVacancy, withdrawVacancy } from './service';

export const Vacancies = {
  post: postVacancy,
  withdraw: withdrawVacancy,
  renew: renewVacancy,
  list: listVacancies,
} as const;

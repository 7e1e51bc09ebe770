/**
 * What Armos can do with a staff account, by name — the use cases the API's routes reach. Each
 * takes the part of the application context it reads, then the caller.
 */
import type { User } from '../../../shared/schemas/user';
import { createStaffAccount, listStaffAccounts } from './accounts';
import { setStaffActive, type StaffActivationDeps } from './activation';

export const Staff = {
  create: createStaffAccount,
  list: listStaffAccounts,
  /** Its open sessions are refused from the next request on. */
  deactivate: (deps: StaffActivationDeps, caller: User, userId: string) =>
    setStaffActive(deps, caller, userId, false),
  reactivate: (deps: StaffActivationDeps, caller: User, userId: string) =>
    setStaffActive(deps, caller, userId, true),
} as const;

/**
 * What a person can do with their own account, by name — the use cases the API's routes reach.
 * Each takes the part of the application context it reads, then the account.
 */
import { eraseAccount, exportAccount, updateAccount } from './service';

export const Account = {
  /** Display name, phone, notification preferences. */
  update: updateAccount,
  /** Everything kept about the person (JSON). */
  export: exportAccount,
  /** The listing withdrawn, personal data erased, the session ended. */
  erase: eraseAccount,
} as const;

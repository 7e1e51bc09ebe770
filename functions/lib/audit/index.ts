/**
 * Reading the audit trail, by name — what Armos's screens reach. The entries themselves are
 * written by each use case, in the transaction of the change they record.
 */
import { auditOfActor, auditOfSubject } from '../db/audit';
import { searchAuditEntries } from './search';

export const Audit = {
  /** The latest entries about one object (`listing:01H…`, `user:01H…`). */
  ofSubject: auditOfSubject,
  /** The latest entries written by one person. */
  ofActor: auditOfActor,
  /** Entries of a period, optionally of one actor and one action, newest first. */
  search: searchAuditEntries,
} as const;

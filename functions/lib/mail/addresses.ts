/** Which address, if any, a user can be written to. */
import { ulid } from 'ulid';
import type { User } from '../../../shared/schemas/user';

/**
 * A tenant registered by a reception point without an e-mail address gets a placeholder one
 * (RFC 2606's `.invalid`): it signs nobody in and receives no mail.
 */
export const placeholderEmail = () => `sans-email+${ulid()}@accueil.invalid`;

/** The address the user can be written to, if any. */
export function reachableEmail(user: User | undefined): string | undefined {
  return user?.email && !user.email.endsWith('.invalid') ? user.email : undefined;
}

/** The address for notices the user may have turned off (new proposals, reminders, messages). */
export function noticeEmail(user: User | undefined): string | undefined {
  return user?.notifications?.email === false ? undefined : reachableEmail(user);
}

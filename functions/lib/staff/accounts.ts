/**
 * Armos opens staff accounts (reception, lessor agents, Armos, CINOR) and lists them. The account,
 * its welcome mail and the audit entry are written together: a taken address leaves none of them.
 */
import { ValidationError } from '../../../shared/errors';
import type { CreateStaffBody } from '../../../shared/schemas/auth';
import { STAFF_ROLES, type StaffRole, type User } from '../../../shared/schemas/user';
import { auditPut } from '../db/audit';
import { outboxPut } from '../db/outbox';
import { transactWrite } from '../db/transact';
import { listStaff, newUser, userCreationFailure, userCreationItems } from '../db/users';
import { ROLE_LABELS, staffWelcomeMail } from '../mail/templates';
import type { AppContext } from '../app-context';

export type StaffCreationDeps = Pick<AppContext, 'db' | 'now' | 'reference' | 'appUrl'>;

export async function createStaffAccount(
  deps: StaffCreationDeps,
  caller: User,
  body: CreateStaffBody,
): Promise<User> {
  if (body.lessorId) {
    const { lessors } = await deps.reference();
    if (!lessors.some((lessor) => lessor.id === body.lessorId)) {
      throw new ValidationError('Bailleur inconnu.', [
        { path: 'lessorId', message: 'Bailleur inconnu.' },
      ]);
    }
  }
  const now = deps.now();
  const mail = staffWelcomeMail(deps.appUrl, ROLE_LABELS[body.role] ?? body.role);
  const user = newUser(body, now);
  await transactWrite(
    deps.db,
    [
      ...userCreationItems(deps.db, user),
      outboxPut(deps.db, { to: body.email, ...mail, kind: 'staff-welcome' }, now),
      auditPut(
        deps.db,
        {
          actorId: caller.id,
          actorRole: 'armos',
          action: 'staff-created',
          subject: `user:${user.id}`,
          details: { role: body.role },
        },
        now,
      ),
    ],
    userCreationFailure,
  );
  return user;
}

/** The accounts of one staff role, or of every one when none is named. */
export async function listStaffAccounts(
  deps: Pick<AppContext, 'db'>,
  role?: StaffRole,
): Promise<User[]> {
  const lists = await Promise.all((role ? [role] : STAFF_ROLES).map((r) => listStaff(deps.db, r)));
  return lists.flat();
}

/**
 * Armos deactivates and reactivates staff accounts (someone leaves a reception point or a
 * lessor). The flag takes effect on the next request of every open session; the audit trail
 * records who did it.
 */
import { ConflictError, NotFoundError } from '../../../shared/errors';
import type { User } from '../../../shared/schemas/user';
import { auditPut } from '../db/audit';
import { staffActivationUpdate } from '../db/staff';
import { transactWrite } from '../db/transact';
import { getUser } from '../db/users';
import type { AppContext } from '../app-context';

export type StaffActivationDeps = Pick<AppContext, 'db' | 'now'>;

export async function setStaffActive(
  deps: StaffActivationDeps,
  caller: User,
  userId: string,
  active: boolean,
): Promise<User> {
  const user = await getUser(deps.db, userId);
  if (!user || user.role === 'tenant') throw new NotFoundError('Compte du personnel introuvable.');
  if (!active && user.id === caller.id)
    throw new ConflictError(
      'Vous ne pouvez pas désactiver votre propre compte : demandez-le à une autre personne d’Armos.',
    );
  if (!active && user.deactivatedAt) throw new ConflictError('Ce compte est déjà désactivé.');
  if (active && !user.deactivatedAt) throw new ConflictError('Ce compte est déjà actif.');
  const now = deps.now();
  await transactWrite(
    deps.db,
    [
      staffActivationUpdate(deps.db, user.id, active ? undefined : { by: caller.id }, now),
      auditPut(
        deps.db,
        {
          actorId: caller.id,
          actorRole: caller.role,
          action: active ? 'staff-reactivated' : 'staff-deactivated',
          subject: `user:${user.id}`,
          details: { role: user.role },
        },
        now,
      ),
    ],
    () => new NotFoundError('Compte du personnel introuvable.'),
  );
  const { deactivatedAt: _at, deactivatedBy: _by, ...rest } = user;
  return active
    ? { ...rest, updatedAt: now.toISOString() }
    : {
        ...user,
        deactivatedAt: now.toISOString(),
        deactivatedBy: caller.id,
        updatedAt: now.toISOString(),
      };
}

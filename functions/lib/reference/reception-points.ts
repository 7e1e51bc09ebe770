/**
 * Armos keeps the reception points the public page lists (where an agent helps tenants without
 * internet or e-mail). Each change is audited once the point is written or gone.
 */
import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../../../shared/errors';
import type { ReceptionPoint, receptionPointBodySchema } from '../../../shared/schemas/common';
import type { User } from '../../../shared/schemas/user';
import { auditPut } from '../db/audit';
import { deleteReceptionPoint, putReceptionPoint } from '../db/reference';
import { transactWrite } from '../db/transact';
import type { AppContext } from '../app-context';

export type ReceptionPointDeps = Pick<AppContext, 'db' | 'now'>;
export type ReceptionPointBody = z.infer<typeof receptionPointBodySchema>;

function audit(deps: ReceptionPointDeps, caller: User, action: string, id: string) {
  return transactWrite(deps.db, [
    auditPut(
      deps.db,
      { actorId: caller.id, actorRole: 'armos', action, subject: `reference:${id}` },
      deps.now(),
    ),
  ]);
}

/** Creates the point or replaces the one of that id. */
export async function saveReceptionPoint(
  deps: ReceptionPointDeps & Pick<AppContext, 'reference'>,
  caller: User,
  id: string,
  body: ReceptionPointBody,
): Promise<ReceptionPoint> {
  if (!(await deps.reference()).communes.some((commune) => commune.code === body.communeCode)) {
    throw new ValidationError('Commune inconnue.', [
      { path: 'communeCode', message: 'Commune inconnue.' },
    ]);
  }
  const point = { id, ...body };
  await putReceptionPoint(deps.db, point);
  await audit(deps, caller, 'reception-point-saved', id);
  return point;
}

export async function removeReceptionPoint(
  deps: ReceptionPointDeps,
  caller: User,
  id: string,
): Promise<void> {
  if (!(await deleteReceptionPoint(deps.db, id)))
    throw new NotFoundError('Point d’accueil introuvable.');
  await audit(deps, caller, 'reception-point-removed', id);
}

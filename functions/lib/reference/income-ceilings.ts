/**
 * Armos keeps the income ceilings per year, financing and household category; the lessors' review
 * screens compare households' incomes with them. A year's table replaces the one stored before.
 */
import type { IncomeCeilingYear } from '../../../shared/schemas/income-ceilings';
import type { User } from '../../../shared/schemas/user';
import { auditPut } from '../db/audit';
import { incomeCeilingYearPut, readIncomeCeilings } from '../db/reference';
import { transactWrite } from '../db/transact';
import type { AppContext } from '../app-context';

/** Returns every year's table after the save, newest year first. */
export async function saveIncomeCeilings(
  deps: Pick<AppContext, 'db' | 'now'>,
  caller: User,
  table: IncomeCeilingYear,
): ReturnType<typeof readIncomeCeilings> {
  const now = deps.now();
  await transactWrite(deps.db, [
    incomeCeilingYearPut(deps.db, table, caller.id, now),
    auditPut(
      deps.db,
      {
        actorId: caller.id,
        actorRole: 'armos',
        action: 'income-ceilings-saved',
        subject: `ceilings:${table.year}`,
        details: { financings: Object.keys(table.financings).join(',') },
      },
      now,
    ),
  ]);
  return readIncomeCeilings(deps.db);
}

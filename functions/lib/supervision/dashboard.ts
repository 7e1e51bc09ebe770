/** Armos's dashboard: swaps by state, decision delays and queues, computed on each request. */
import type { SupervisionView } from '../../../shared/schemas/supervision';
import { supervise } from '../../../shared/stats/supervision';
import { everySwap, pendingVerificationCount } from '../db/supervision';
import type { AppContext } from '../app-context';

/** The moves chart covers this many months, the current one included. */
const MONTHS_SHOWN = 12;

export async function supervisionDashboard(
  deps: Pick<AppContext, 'db' | 'now' | 'reference'>,
): Promise<SupervisionView> {
  const { lessors } = await deps.reference();
  const lessorIds = lessors.map((lessor) => lessor.id);
  const [swaps, counts] = await Promise.all([
    everySwap(deps.db),
    Promise.all(lessorIds.map((id) => pendingVerificationCount(deps.db, id))),
  ]);
  const pendingVerifications = Object.fromEntries(lessorIds.map((id, i) => [id, counts[i]!]));
  return supervise({
    swaps,
    pendingVerifications,
    lessorIds,
    now: deps.now(),
    months: MONTHS_SHOWN,
  });
}

/** What a row of the authorization matrix says, and the helpers rows are written with. */
import type { Who } from '../authorization-world';

export type Cell = number | { own: number; other: number };
export interface Context {
  listingId: string;
  matchId: string;
  swapId?: string;
  /** For `on: 'vacancy'`: the lessor agent's own lessor (SIDR) or another (SHLMR), and a vacancy of it. */
  vacancyLessorId?: string;
  vacancyId?: string;
}
export interface Row {
  /**
   * What the cells act on: nothing, a listing, a listing a reception agent manages for a tenant
   * with an account, a proposal, a mutual proposal or a requested swap.
   */
  on?: 'listing' | 'assisted' | 'match' | 'mutual' | 'swap' | 'vacancy';
  /** Successful cells change state: give them a fresh resource (and a fresh session when it ends). */
  fresh?: boolean;
  freshSession?: boolean;
  request: (context: Context) => { path: string; body?: unknown };
  expect: Record<Who, Cell>;
}

export const everyone = (status: number, anonymous = status): Record<Who, Cell> => ({
  anonymous,
  tenant: status,
  accueil: status,
  otherAgent: status,
  lessor: status,
  armos: status,
  cinor: status,
});
/** Routes without a resource: another agent is answered like the agent. */
export const allowOnly = (
  allowed: Partial<Record<Who, Cell>>,
  denied = 403,
): Record<Who, Cell> => ({
  ...everyone(denied, 401),
  ...(allowed.accueil !== undefined ? { otherAgent: allowed.accueil } : {}),
  ...allowed,
});
export const body = (b: unknown) => b;

/**
 * Where a count is kept: a quartier, a commune, the whole CINOR, or a flow between two quartiers.
 * Each (month, scope) pair is one aggregate; counters are its attributes.
 */
export const CINOR_SCOPE = 'CINOR';

export const scopes = {
  quartier: (quartierId: string) => `Q#${quartierId}`,
  commune: (communeCode: string) => `C#${communeCode}`,
  cinor: () => CINOR_SCOPE,
  flow: (fromQuartierId: string, toQuartierId: string) => `F#${fromQuartierId}#${toQuartierId}`,
} as const;

export type ScopeKind = 'quartier' | 'commune' | 'cinor' | 'flow';

export function parseScope(
  scope: string,
): { kind: ScopeKind; id: string; to?: string } | undefined {
  if (scope === CINOR_SCOPE) return { kind: 'cinor', id: CINOR_SCOPE };
  const [prefix, id, to] = scope.split('#');
  if (!id) return undefined;
  if (prefix === 'Q') return { kind: 'quartier', id };
  if (prefix === 'C') return { kind: 'commune', id };
  if (prefix === 'F' && to) return { kind: 'flow', id, to };
  return undefined;
}

/** Counter names; typology, motive, reason and day suffixes follow a dot (`offered.T3`). */
export const COUNTERS = {
  /** Entries minus exits of the market in the month; the stock at a month's end is their running sum. */
  active: 'active',
  newListings: 'new',
  offered: 'offered',
  /** Listings wanting the scope: at a quartier, those naming it; at a commune, all wanting the commune. */
  wanted: 'wanted',
  /** At a commune: listings wanting it with no quartier named (they want each of its quartiers). */
  wantedAny: 'wantedAny',
  motive: 'motive',
  matches2: 'matches2',
  matches3: 'matches3',
  visitsWithoutFollowUp: 'visitsWithoutFollowUp',
  swapsRequested: 'swapsRequested',
  swapsApproved: 'swapsApproved',
  swapsRefused: 'swapsRefused',
  refusalReason: 'refused',
  swapsCompleted: 'swapsCompleted',
  swapsCancelledAfterApproval: 'swapsCancelledAfterApproval',
  movesIn: 'movesIn',
  movesOut: 'movesOut',
  moves: 'moves',
  decisionDays: 'decisionDays',
  completionDays: 'completionDays',
  overOccupationResolved: 'overOccupationResolved',
  underOccupationResolved: 'underOccupationResolved',
  /** Households moved through a chain of mutation, where they arrived. */
  chainMoves: 'chainMoves',
  /** Dwellings a completed chain released to their lessor, where they stand. */
  dwellingsReleased: 'dwellingsReleased',
} as const;

export const sub = (counter: string, value: string | number) => `${counter}.${value}`;

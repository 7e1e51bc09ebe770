/**
 * The steps of the listing form and which API fields each one owns, so that an error (from zod
 * in the browser or from the API's 400 issues) is shown on the right step, next to its field.
 */
export type StepId = 'tenant' | 'dwelling' | 'household' | 'wishes' | 'review';

export interface Step {
  id: StepId;
  title: string;
  /** Issue paths starting with one of these belong to the step. */
  owns: string[];
}

export const STEPS: Step[] = [
  { id: 'tenant', title: 'Le locataire', owns: ['onBehalfOf'] },
  { id: 'dwelling', title: 'Mon logement', owns: ['dwelling'] },
  { id: 'household', title: 'Mon foyer', owns: ['household', 'motive'] },
  { id: 'wishes', title: 'Ce que je cherche', owns: ['wishes'] },
  { id: 'review', title: 'Vérifier et envoyer', owns: [] },
];

/** An agent creating a listing first says whose it is; editing one later, the tenant is known. */
export function stepsFor(onBehalf: boolean, withTenantStep = onBehalf): Step[] {
  const steps = withTenantStep ? STEPS : STEPS.filter((step) => step.id !== 'tenant');
  // An agent fills the form for someone else: "Mon logement" would be wrong.
  if (!onBehalf) return steps;
  const agentTitles: Partial<Record<StepId, string>> = {
    dwelling: 'Son logement',
    household: 'Son foyer',
    wishes: 'Ce qu’il ou elle cherche',
  };
  return steps.map((step) => ({ ...step, title: agentTitles[step.id] ?? step.title }));
}

export function ownsPath(step: Step, path: string): boolean {
  return step.owns.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));
}

/** `wishes.quartiers.3` → `wishes-quartiers`: the id of the field (or group) to link and focus. */
export function fieldIdFor(path: string): string {
  return path
    .split('.')
    .filter((segment) => !/^\d+$/.test(segment))
    .join('-');
}

/**
 * Client-side validation with the API's own zod schemas (imported here only, so zod is bundled
 * with the form and nowhere else). The API stays the judge; this saves a round trip per step.
 */
import { listingInputSchema, onBehalfOfSchema } from '$shared/schemas/listing';
import '$shared/schemas/zod-locale';
import type { FieldIssue } from '$shared/errors';
import type { ZodError } from 'zod';
import { inputFromDraft, onBehalfOfFromDraft, type ListingDraft, type TenantDraft } from './draft';
import { ownsPath, type Step } from './steps';
import type { Quartier } from '$shared/reference/index';

function toIssues(error: ZodError, prefix: string[] = []): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path.map(String)].join('.');
    if (seen.has(path)) continue; // one message per field is enough, and keys stay unique
    seen.add(path);
    issues.push({ path, message: issue.message });
  }
  return issues;
}

/**
 * An empty field gets "choose…" / "indicate…" rather than the schema's "unknown value" or "must
 * be a number", which would puzzle someone who simply has not answered yet.
 */
const WHEN_EMPTY: Record<string, [(draft: ListingDraft) => string, string]> = {
  'dwelling.communeCode': [
    (draft) => draft.dwelling.communeCode,
    'Choisissez la commune du logement.',
  ],
  'dwelling.typology': [(draft) => draft.dwelling.typology, 'Choisissez la typologie du logement.'],
  'dwelling.financing': [
    (draft) => draft.dwelling.financing,
    'Choisissez le financement du logement.',
  ],
  'dwelling.surface': [
    (draft) => draft.dwelling.surface,
    'Indiquez la surface du logement (en m²).',
  ],
  'dwelling.rent': [(draft) => draft.dwelling.rent, 'Indiquez le loyer (en euros).'],
  'dwelling.charges': [
    (draft) => draft.dwelling.charges,
    'Indiquez les charges (en euros, 0 s’il n’y en a pas).',
  ],
  'dwelling.floor': [
    (draft) => draft.dwelling.floor,
    'Indiquez l’étage (0 pour le rez-de-chaussée).',
  ],
  'household.adults': [(draft) => draft.household.adults, 'Indiquez le nombre d’adultes.'],
  'household.children': [
    (draft) => draft.household.children,
    'Indiquez le nombre d’enfants (0 s’il n’y en a pas).',
  ],
};

function messageWhenEmpty(path: string, draft: ListingDraft): string | undefined {
  const rule = WHEN_EMPTY[path];
  return rule && !rule[0](draft).trim() ? rule[1] : undefined;
}

export function issuesOfStep(
  step: Step,
  draft: ListingDraft,
  tenant: TenantDraft,
  quartiers: Quartier[],
): FieldIssue[] {
  if (step.id === 'tenant') {
    const result = onBehalfOfSchema.safeParse(onBehalfOfFromDraft(tenant));
    return result.success ? [] : toIssues(result.error, ['onBehalfOf']);
  }
  const result = listingInputSchema.safeParse(inputFromDraft(draft, quartiers));
  if (result.success) return [];
  return toIssues(result.error)
    .filter((issue) => ownsPath(step, issue.path))
    .map((issue) => ({ ...issue, message: messageWhenEmpty(issue.path, draft) ?? issue.message }));
}

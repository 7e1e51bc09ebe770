/** Rules of a listing that need the reference data (which Armos may edit). */
import type { FieldIssue } from '../errors';
import type { ReferenceData } from '../reference/index';
import type { ListingInput } from '../schemas/listing';

export function referenceIssues(
  input: Partial<ListingInput>,
  reference: ReferenceData,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const communes = new Set(reference.communes.map((commune) => commune.code));
  const quartiers = new Map(reference.quartiers.map((quartier) => [quartier.id, quartier]));

  const { dwelling, wishes, motive } = input;
  if (dwelling) {
    if (!reference.lessors.some((lessor) => lessor.id === dwelling.lessorId)) {
      issues.push({ path: 'dwelling.lessorId', message: 'Bailleur inconnu.' });
    }
    if (!communes.has(dwelling.communeCode)) {
      issues.push({
        path: 'dwelling.communeCode',
        message: 'Commune inconnue (Saint-Denis, Sainte-Marie ou Sainte-Suzanne).',
      });
    }
    const quartier = quartiers.get(dwelling.quartierId);
    if (!quartier) issues.push({ path: 'dwelling.quartierId', message: 'Quartier inconnu.' });
    else if (quartier.communeCode !== dwelling.communeCode) {
      issues.push({
        path: 'dwelling.quartierId',
        message: 'Ce quartier n’est pas dans la commune choisie.',
      });
    }
  }
  if (motive !== undefined && !reference.motives.some((m) => m.id === motive)) {
    issues.push({ path: 'motive', message: 'Motif inconnu.' });
  }
  if (wishes) {
    wishes.communes.forEach((code, index) => {
      if (!communes.has(code))
        issues.push({ path: `wishes.communes.${index}`, message: 'Commune inconnue.' });
    });
    wishes.quartiers.forEach((id, index) => {
      const quartier = quartiers.get(id);
      if (!quartier)
        issues.push({ path: `wishes.quartiers.${index}`, message: 'Quartier inconnu.' });
      else if (!wishes.communes.includes(quartier.communeCode)) {
        issues.push({
          path: `wishes.quartiers.${index}`,
          message: 'Ce quartier n’est dans aucune des communes souhaitées.',
        });
      }
    });
  }
  return issues;
}

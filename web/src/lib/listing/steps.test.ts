import { describe, expect, it } from 'vitest';
import { seedReferenceData } from '$shared/reference/index';
import { emptyDraft } from './draft';
import { fieldIdFor, ownsPath, stepsFor } from './steps';
import { issuesOfStep } from './validate-step';

const noTenant = { name: '', phone: '', email: '', consent: false };

describe('steps', () => {
  it('adds "Le locataire" first for a reception agent only', () => {
    expect(stepsFor(false).map((step) => step.id)).toEqual([
      'dwelling',
      'household',
      'wishes',
      'review',
    ]);
    expect(stepsFor(true)[0]?.id).toBe('tenant');
  });

  it('speaks of "son logement" to an agent, also when editing a listing whose tenant is known', () => {
    expect(stepsFor(false).map((step) => step.title)).toContain('Mon logement');
    const editing = stepsFor(true, false);
    expect(editing.map((step) => step.id)).toEqual(['dwelling', 'household', 'wishes', 'review']);
    expect(editing.map((step) => step.title)).toEqual([
      'Son logement',
      'Son foyer',
      'Ce qu’il ou elle cherche',
      'Vérifier et envoyer',
    ]);
  });

  it('sends each API issue path to its step and field', () => {
    const [dwelling, household] = stepsFor(false);
    expect(ownsPath(dwelling!, 'dwelling.surface')).toBe(true);
    expect(ownsPath(household!, 'motive')).toBe(true);
    expect(ownsPath(household!, 'dwelling.surface')).toBe(false);
    expect(fieldIdFor('wishes.quartiers.3')).toBe('wishes-quartiers');
  });
});

describe('issuesOfStep', () => {
  it('reports only the fields of the current step, in French', () => {
    const issues = issuesOfStep(
      stepsFor(false)[0]!,
      emptyDraft(),
      noTenant,
      seedReferenceData.quartiers,
    );

    expect(issues.every((issue) => issue.path.startsWith('dwelling.'))).toBe(true);
    expect(issues.find((issue) => issue.path === 'dwelling.communeCode')?.message).toBe(
      'Choisissez la commune du logement.',
    );
    expect(new Set(issues.map((issue) => issue.path)).size).toBe(issues.length);
  });

  it('requires the tenant’s consent on the agent’s first step', () => {
    const issues = issuesOfStep(
      stepsFor(true)[0]!,
      emptyDraft(),
      { ...noTenant, name: 'Mme Payet' },
      [],
    );

    expect(issues.map((issue) => issue.path)).toEqual(['onBehalfOf.consent']);
  });
});

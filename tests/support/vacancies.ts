/** Vacancies for tests: a valid body, and one posted through the API by Armos. */
import type { VacancyBody, VacantDwellingInput } from '../../shared/schemas/vacancy';
import { signIn } from './sign-in';
import { api } from './stack';

export function vacancyBody(
  dwelling: Partial<VacantDwellingInput> = {},
  priority: VacancyBody['priority'] = {},
): VacancyBody {
  return {
    dwelling: {
      lessorId: 'SIDR',
      dwellingRef: `VAC-${Math.random().toString(36).slice(2, 8)}`,
      // A costly T6 in Sainte-Suzanne that no other test's tenant can afford: these vacancies open no chain.
      communeCode: '97420',
      quartierId: '97420-centre-ville',
      typology: 'T6',
      surface: 120,
      rent: 1500,
      charges: 200,
      floor: 1,
      lift: false,
      accessible: false,
      financing: 'LLS',
      features: [],
      ...dwelling,
    },
    priority,
  };
}

/** A vacancy of `lessorId` posted by Armos; returns its id. */
export async function postedVacancy(
  lessorId: string,
  dwelling: Partial<VacantDwellingInput> = {},
): Promise<string> {
  const armos = await signIn('armos@bourse.local');
  const response = await api('/lessor/vacancies', {
    method: 'POST',
    token: armos.token,
    json: vacancyBody({ lessorId, ...dwelling }),
  });
  if (response.status !== 201) throw new Error(`vacancy not posted: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

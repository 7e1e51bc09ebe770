import { describe, expect, it } from 'vitest';
import { signIn } from '../support/sign-in';
import { api } from '../support/stack';

type Reference = { receptionPoints: Array<{ id: string; name: string; place: string }> };

describe('reception points as reference data', () => {
  it('are seeded, and Armos adds, edits and removes them; GET /ref shows the change', async () => {
    const armos = await signIn('armos@bourse.local');
    const seeded = (await (await api('/ref')).json()) as Reference;

    const added = await api('/admin/reception-points/ccas-bellepierre', {
      method: 'PUT',
      token: armos.token,
      json: {
        kind: 'PILS',
        name: 'CCAS de Bellepierre',
        communeCode: '97411',
        place: 'Rue de Bellepierre',
      },
    });
    const edited = await api('/admin/reception-points/ccas-bellepierre', {
      method: 'PUT',
      token: armos.token,
      json: {
        kind: 'PILS',
        name: 'CCAS de Bellepierre',
        communeCode: '97411',
        place: 'Mairie annexe de Bellepierre',
      },
    });
    const badCommune = await api('/admin/reception-points/ailleurs', {
      method: 'PUT',
      token: armos.token,
      json: { kind: 'PILS', name: 'Ailleurs', communeCode: '97499', place: 'Quelque part' },
    });
    const afterEdit = await new Promise<Reference>((resolve) =>
      setTimeout(async () => resolve((await (await api('/ref')).json()) as Reference), 5_500),
    );
    const removed = await api('/admin/reception-points/ccas-bellepierre', {
      method: 'DELETE',
      token: armos.token,
    });
    const removedAgain = await api('/admin/reception-points/ccas-bellepierre', {
      method: 'DELETE',
      token: armos.token,
    });

    expect(seeded.receptionPoints.map((p) => p.id)).toContain('pils-saint-denis');
    expect(added.status).toBe(200);
    expect(edited.status).toBe(200);
    expect(badCommune.status).toBe(400);
    expect(afterEdit.receptionPoints.find((p) => p.id === 'ccas-bellepierre')?.place).toBe(
      'Mairie annexe de Bellepierre',
    );
    expect(removed.status).toBe(204);
    expect(removedAgain.status).toBe(404);
  });
});

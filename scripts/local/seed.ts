/**
 * Local data: reference data and the local staff accounts of docs/api.md, written only
 * when absent so that a restart keeps whatever was changed since.
 */
import { seedReferenceData } from '../../shared/reference/index';
import type { Database } from '../../functions/lib/db/client';
import { readReferenceData, writeReferenceData } from '../../functions/lib/db/reference';
import { createUser, EmailAlreadyUsedError } from '../../functions/lib/db/users';
import type { NewUser } from '../../functions/lib/db/users';
import { seedDemoMarket } from './demo-market';

export const LOCAL_DOMAIN = 'bourse.local';

export function localStaffAccounts(lessorIds: string[]): NewUser[] {
  return [
    { email: `armos@${LOCAL_DOMAIN}`, role: 'armos', displayName: 'Coordination Armos' },
    { email: `cinor@${LOCAL_DOMAIN}`, role: 'cinor', displayName: 'Observatoire CINOR' },
    { email: `accueil@${LOCAL_DOMAIN}`, role: 'accueil', displayName: "Point d'accueil" },
    ...lessorIds.map((lessorId) => ({
      email: `agent.${lessorId.toLowerCase()}@${LOCAL_DOMAIN}`,
      role: 'lessor' as const,
      lessorId,
      displayName: `Agent ${lessorId}`,
    })),
  ];
}

export interface SeedReport {
  reference: 'written' | 'kept';
  staffCreated: number;
  demoListings: number;
}

/** `demo`: on a database seen for the first time, also add the demo market. */
export async function seedLocalData(db: Database, now = new Date(), options: { demo?: boolean } = {}): Promise<SeedReport> {
  const existing = await readReferenceData(db);
  const reference = existing.communes.length === 0 ? 'written' : 'kept';
  if (reference === 'written') await writeReferenceData(db, seedReferenceData);
  // Databases seeded before reception points were reference data get the initial list once.
  else if (existing.receptionPoints.length === 0) await writeReferenceData(db, { communes: [], quartiers: [], lessors: [], motives: [], receptionPoints: seedReferenceData.receptionPoints });
  const lessorIds = (reference === 'written' ? seedReferenceData : existing).lessors.map((lessor) => lessor.id);
  let staffCreated = 0;
  for (const account of localStaffAccounts(lessorIds)) {
    try {
      await createUser(db, account, now);
      staffCreated += 1;
    } catch (error) {
      if (!(error instanceof EmailAlreadyUsedError)) throw error;
    }
  }
  const demoListings = options.demo && reference === 'written' ? await seedDemoMarket(db, now) : 0;
  return { reference, staffCreated, demoListings };
}

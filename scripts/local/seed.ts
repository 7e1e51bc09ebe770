/**
 * Local data: reference data, through the loader every deployment runs (so a restart keeps
 * whatever Armos changed since), and the local staff accounts of docs/api.md, created
 * only when absent.
 */
import { seedReferenceData } from '../../shared/reference/index';
import type { Database } from '../../functions/lib/db/client';
import { readReferenceData } from '../../functions/lib/db/reference';
import {
  loadReferenceData,
  type ReferenceLoadReport,
} from '../../functions/lib/db/reference-loader';
import { createUser, EmailAlreadyUsedError } from '../../functions/lib/db/users';
import type { NewUser } from '../../functions/lib/db/users';
import { seedDemoMarket } from './demo-market';
import { LOCAL_DOMAIN } from './local-domain';

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
  /** `written` on a database seen for the first time. */
  reference: 'written' | 'kept';
  /** What the reference-data loader did (the same code runs at every deployment). */
  referenceLoad: ReferenceLoadReport;
  staffCreated: number;
  demoListings: number;
}

/** `demo`: on a database seen for the first time, also add the demo market. */
export async function seedLocalData(
  db: Database,
  now = new Date(),
  options: { demo?: boolean } = {},
): Promise<SeedReport> {
  const fresh = (await readReferenceData(db)).communes.length === 0;
  const referenceLoad = await loadReferenceData(db, seedReferenceData);
  const lessorIds = (await readReferenceData(db)).lessors.map((lessor) => lessor.id);
  let staffCreated = 0;
  for (const account of localStaffAccounts(lessorIds)) {
    try {
      await createUser(db, account, now);
      staffCreated += 1;
    } catch (error) {
      if (!(error instanceof EmailAlreadyUsedError)) throw error;
    }
  }
  const demoListings = options.demo && fresh ? await seedDemoMarket(db, now) : 0;
  return { reference: fresh ? 'written' : 'kept', referenceLoad, staffCreated, demoListings };
}

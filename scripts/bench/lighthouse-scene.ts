/**
 * What the Lighthouse pages show: two tenants of Sainte-Suzanne with a mutual proposal and a swap
 * requested between them, built through the API as people would, plus the staff sessions.
 */
import { signSession } from '../../functions/lib/auth/session';
import { createUser, findUserByEmail } from '../../functions/lib/db/users';
import type { Role } from '../../shared/schemas/user';
import { listingInput } from '../../tests/support/factories';
import type { LocalStack } from '../local/stack';

export interface LighthouseScene {
  tenantToken: string;
  freshTenantToken: string;
  cinorToken: string;
  swapId: string;
}

export async function buildLighthouseScene(stack: LocalStack): Promise<LighthouseScene> {
  const token = async (email: string, role: Role = 'tenant') => {
    const user =
      (await findUserByEmail(stack.db, email)) ??
      (await createUser(stack.db, { email, role }, new Date()));
    return (await signSession(stack.config.sessionSecret, user, new Date())).token;
  };
  const call = async (path: string, bearer: string, json?: unknown) => {
    const response = await fetch(`${stack.appUrl}/api${path}`, {
      method: json === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const publish = async (bearer: string, body: ReturnType<typeof listingInput>) => {
    const { id } = (await call('/listings', bearer, body)) as { id: string };
    await call(`/listings/${id}/publish`, bearer, {});
    return id;
  };
  const wishes = (typology: 'T1' | 'T4', quartierId: string) => ({
    communes: ['97420'],
    quartiers: [quartierId],
    typologies: [typology],
    maxTotalRent: 1200,
    needs: {},
    features: [],
  });

  const [tenantToken, partnerToken, armosToken] = await Promise.all([
    token('lighthouse.famille@bourse.local'),
    token('lighthouse.voisin@bourse.local'),
    token('armos@bourse.local', 'armos'),
  ]);
  const mine = await publish(
    tenantToken,
    listingInput({
      dwelling: {
        communeCode: '97420',
        quartierId: '97420-deux-rives',
        typology: 'T4',
        surface: 78,
        rent: 560,
        charges: 50,
        lessorId: 'SEDRE',
      },
      household: { adults: 1, children: 0 },
      wishes: wishes('T1', '97420-centre-ville'),
    }),
  );
  const theirs = await publish(
    partnerToken,
    listingInput({
      dwelling: {
        communeCode: '97420',
        quartierId: '97420-centre-ville',
        typology: 'T1',
        surface: 29,
        rent: 250,
        charges: 30,
        lessorId: 'SEDRE',
      },
      household: { adults: 1, children: 0 },
      wishes: wishes('T4', '97420-deux-rives'),
    }),
  );
  for (const id of [mine, theirs])
    await call(`/listings/${id}/verification`, armosToken, { verified: true });

  const deadline = Date.now() + 60_000;
  let matchId: string | undefined;
  while (!matchId) {
    if (Date.now() > deadline) throw new Error('Pas de proposition entre les deux annonces');
    const matches = (await call('/matches', tenantToken)) as unknown as Array<{
      id: string;
      participants: Array<{ listingId: string }>;
    }>;
    matchId = matches.find((match) => match.participants.some((p) => p.listingId === theirs))?.id;
    if (!matchId) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  for (const bearer of [tenantToken, partnerToken])
    await call(`/matches/${matchId}/interest`, bearer, { interested: true });
  const { id: swapId } = (await call('/swaps', tenantToken, { matchId })) as { id: string };

  return {
    tenantToken,
    freshTenantToken: await token('lighthouse.nouveau@bourse.local'),
    cinorToken: await token('cinor@bourse.local', 'cinor'),
    swapId,
  };
}

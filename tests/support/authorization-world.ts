/**
 * The people and resources of the authorization matrix: one tenant per listing (a tenant has
 * one active listing), a reception agent with a listing it manages, a lessor agent whose
 * dwellings are SIDR's, Armos and CINOR. "Own" and "other" resources are relative to the caller.
 */
import { newAgent } from './agents';
import { listingInput } from './factories';
import { signIn } from './sign-in';
import { api, uniqueEmail } from './stack';

/** `otherAgent`: a reception agent who does not assist the tenants whose resources it tries. */
export const ROLES = [
  'anonymous',
  'tenant',
  'accueil',
  'otherAgent',
  'lessor',
  'armos',
  'cinor',
] as const;
export type Who = (typeof ROLES)[number];
export type Ownership = 'own' | 'other';

export interface Actor {
  token?: string;
  userId?: string;
}

export interface Resource {
  actor: Actor;
  listingId: string;
  userId?: string;
}

async function createListing(
  token: string,
  lessorId: string,
  onBehalfOf?: object,
): Promise<string> {
  const body = {
    ...listingInput({ dwelling: { lessorId } } as never),
    ...(onBehalfOf ? { onBehalfOf } : {}),
  };
  const response = await api('/listings', { method: 'POST', token, json: body });
  if (response.status !== 201)
    throw new Error(`fixture listing: ${response.status} ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  return id;
}

/** A new tenant with a fresh listing of lessor `lessorId`. */
export async function tenantWithListing(lessorId: string): Promise<Resource> {
  const tenant = await signIn(uniqueEmail());
  return {
    actor: { token: tenant.token, userId: tenant.user.id },
    listingId: await createListing(tenant.token, lessorId),
    userId: tenant.user.id,
  };
}

export class AuthorizationWorld {
  private actors = new Map<Who, Actor>();
  private shared = new Map<string, Resource>();

  async actor(who: Who): Promise<Actor> {
    if (who === 'anonymous') return {};
    if (who === 'tenant') return (await this.sharedResource('tenant-own')).actor;
    const cached = this.actors.get(who);
    if (cached) return cached;
    if (who === 'otherAgent') {
      const agent = await newAgent();
      const actor = { token: agent.token, userId: agent.user.id };
      this.actors.set(who, actor);
      return actor;
    }
    const email = {
      accueil: 'accueil@bourse.local',
      lessor: 'agent.sidr@bourse.local',
      armos: 'armos@bourse.local',
      cinor: 'cinor@bourse.local',
    }[who];
    const session = await signIn(email);
    const actor = { token: session.token, userId: session.user.id };
    this.actors.set(who, actor);
    return actor;
  }

  private async sharedResource(name: string): Promise<Resource> {
    const existing = this.shared.get(name);
    if (existing) return existing;
    const created =
      name === 'tenant-own' ? await tenantWithListing('SIDR') : await tenantWithListing('SHLMR');
    this.shared.set(name, created);
    return created;
  }

  /**
   * The resource a cell acts on. `fresh` gives a new one (and, for a tenant's own resource, a new
   * tenant) so that a successful mutation never changes what other cells see.
   */
  async resource(
    who: Who,
    ownership: Ownership,
    fresh: boolean,
  ): Promise<{ actor: Actor; listingId: string }> {
    if (who === 'tenant' && ownership === 'own') {
      const resource = fresh
        ? await tenantWithListing('SIDR')
        : await this.sharedResource('tenant-own');
      return { actor: resource.actor, listingId: resource.listingId };
    }
    const actor = await this.actor(who);
    if (who === 'accueil' && ownership === 'own') {
      return {
        actor,
        listingId: await createListing(actor.token!, 'SIDR', {
          name: 'Mme Grondin',
          consent: true,
        }),
      };
    }
    if (who === 'otherAgent') {
      // A tenant assisted by the seeded agent, not by this one.
      return {
        actor,
        listingId: await createListing((await this.actor('accueil')).token!, 'SIDR', {
          name: 'Mme Grondin',
          consent: true,
        }),
      };
    }
    if (who === 'lessor' && ownership === 'own') {
      return {
        actor,
        listingId: fresh
          ? (await tenantWithListing('SIDR')).listingId
          : (await this.sharedResource('tenant-own')).listingId,
      };
    }
    const other = fresh
      ? await tenantWithListing(ownership === 'own' ? 'SIDR' : 'SHLMR')
      : await this.sharedResource(ownership === 'own' ? 'tenant-own' : 'tenant-other');
    return { actor, listingId: other.listingId };
  }
}

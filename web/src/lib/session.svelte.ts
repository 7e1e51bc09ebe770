/**
 * Who is signed in, shared by the header and the pages. Loaded once from GET /api/me; a 401 (or
 * an API that is not there yet) simply means "anonymous", so public pages always work.
 */
import { ApiError } from './api';
import { getMe, signOut, type Role, type SessionUser } from './services/auth';

export type SessionStatus = 'loading' | 'anonymous' | 'signed-in';

export const ROLE_LABELS: Record<Role, string> = {
  tenant: 'Locataire',
  accueil: "Agent d'accueil",
  lessor: 'Bailleur',
  armos: 'Armos',
  cinor: 'CINOR',
};

class Session {
  user = $state<SessionUser | null>(null);
  status = $state<SessionStatus>('loading');

  /**
   * Bumped by every sign-in and sign-out. On /connexion?token=… the layout's GET /me (sent before
   * the cookie exists) races the token check: a late 401 must not undo the sign-in that followed.
   */
  private generation = 0;

  async load(): Promise<void> {
    const startedAt = this.generation;
    try {
      const user = await getMe();
      if (startedAt === this.generation) this.signIn(user);
    } catch (error) {
      if (!(error instanceof ApiError)) console.error('Lecture de la session impossible', error);
      if (startedAt === this.generation) this.clear();
    }
  }

  signIn(user: SessionUser): void {
    this.generation += 1;
    this.user = user;
    this.status = 'signed-in';
  }

  /** Forget the user locally even if the server call fails: the cookie expires on its own. */
  async logout(): Promise<void> {
    try {
      await signOut();
    } catch (error) {
      if (!(error instanceof ApiError)) console.error('Déconnexion impossible', error);
    } finally {
      this.clear();
    }
  }

  private clear(): void {
    this.generation += 1;
    this.user = null;
    this.status = 'anonymous';
  }
}

export const session = new Session();

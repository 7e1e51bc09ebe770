/** Where each role lands after signing in (and what "Mon espace" points to). */
import type { Role } from '$shared/schemas/user';

export const HOME_FOR_ROLE: Record<Role, string> = {
  tenant: '/mon-annonce',
  accueil: '/accueil',
  lessor: '/bailleur',
  armos: '/armos',
  cinor: '/statistiques',
};

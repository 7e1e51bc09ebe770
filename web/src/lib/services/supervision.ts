/** Armos's dashboard and audit screen (GET /api/admin/dashboard, GET /api/admin/audit/entries). */
import type { z } from 'zod';
import { api } from '$lib/api';
import type {
  AuditPageView,
  SupervisionView,
  auditSearchQuerySchema,
} from '$shared/schemas/supervision';

export type { AuditEntryView, AuditPageView, SupervisionView } from '$shared/schemas/supervision';

export const readDashboard = () => api.get<SupervisionView>('/admin/dashboard');

/** The query the screen's form builds; the page size is the API's default, the cursor apart. */
export type AuditFilters = Omit<z.input<typeof auditSearchQuerySchema>, 'limit' | 'cursor'>;

export function searchAudit(filters: AuditFilters, cursor?: string) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  if (cursor) params.set('cursor', cursor);
  return api.get<AuditPageView>(`/admin/audit/entries?${params}`);
}

/** The actions the audit trail records, in the words of the screen. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'sign-in': 'Connexion',
  'listing-created': 'Annonce créée',
  'listing-edited': 'Annonce modifiée',
  'listing-verified': 'Annonce vérifiée',
  'listing-rejected': 'Annonce rejetée',
  'listing-suspended': 'Annonce suspendue',
  'listing-reinstated': 'Annonce rétablie',
  'listing-expired': 'Annonce expirée',
  'match-yes': 'Réponse oui',
  'match-no': 'Réponse non',
  'match-visit': 'Compte rendu de visite',
  'swap-requested': 'Échange demandé',
  'swap-confirmed': 'Échange confirmé',
  'swap-review': 'Décision de bailleur',
  'swap-completed': 'Emménagement enregistré',
  'swap-cancelled': 'Échange annulé',
  'participant-reported': 'Signalement',
  'assistance-ended': 'Fin d’accompagnement',
  'staff-created': 'Compte du personnel créé',
  'staff-deactivated': 'Compte désactivé',
  'staff-reactivated': 'Compte réactivé',
  'account-erased': 'Compte effacé',
  'account-erased-inactive': 'Compte inactif effacé',
  'income-ceilings-saved': 'Plafonds de ressources enregistrés',
};

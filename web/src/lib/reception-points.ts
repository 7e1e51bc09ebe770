/**
 * Labels of the kinds of reception point (PILS: point d'information logement social; GADLS:
 * guichet d'accueil des demandeurs de logement social). The points themselves are reference data
 * Armos keeps (GET /api/ref), seeded from shared/reference/reception-points.json.
 */
import type { ReceptionPointKind } from '$shared/reference/index';

export const RECEPTION_POINT_LABELS: Record<ReceptionPointKind, string> = {
  PILS: "Point d'information logement social",
  GADLS: "Guichet d'accueil des demandeurs de logement social",
};

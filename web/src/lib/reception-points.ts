/**
 * Initial list of reception points where an agent helps tenants without internet or e-mail
 * (PILS: point d'information logement social; GADLS: guichet d'accueil des demandeurs de logement
 * social). Deliberately generic — no phone numbers or opening hours we cannot vouch for. Armos will
 * manage the real list as reference data; the page will then read it from GET /api/ref.
 */
export type ReceptionPointKind = 'PILS' | 'GADLS';

export interface ReceptionPoint {
  id: string;
  kind: ReceptionPointKind;
  name: string;
  communeCode: string;
  place: string;
}

export const RECEPTION_POINT_KINDS: Record<ReceptionPointKind, string> = {
  PILS: "Point d'information logement social",
  GADLS: "Guichet d'accueil des demandeurs de logement social",
};

export const initialReceptionPoints: ReceptionPoint[] = [
  {
    id: 'pils-saint-denis',
    kind: 'PILS',
    name: "Point d'information logement (PILS) — Saint-Denis",
    communeCode: '97411',
    place: 'Hôtel de ville de Saint-Denis',
  },
  {
    id: 'pils-sainte-marie',
    kind: 'PILS',
    name: "Point d'information logement (PILS) — Sainte-Marie",
    communeCode: '97418',
    place: 'Hôtel de ville de Sainte-Marie',
  },
  {
    id: 'pils-sainte-suzanne',
    kind: 'PILS',
    name: "Point d'information logement (PILS) — Sainte-Suzanne",
    communeCode: '97420',
    place: 'Hôtel de ville de Sainte-Suzanne',
  },
  {
    id: 'gadls-bailleurs',
    kind: 'GADLS',
    name: "Guichet d'accueil (GADLS) — agences des bailleurs sociaux",
    communeCode: '97411',
    place: 'Agence de votre bailleur (adresse sur votre avis d’échéance)',
  },
];
